package org.kernelsim.kernel.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * A mistake in a config file, worded for the person who wrote it: {@code file:line:column: problem}.
 * The message is complete on its own; the CLI prints it as is, without a stack trace.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    private ConfigException(String source, int line, int column, String problem, Throwable cause) {
        super(problem, cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = requireNonNull(problem, "problem");
    }

    /** A problem at a place in the file being read; the loader adds the file name. */
    public static ConfigException at(JsonLocation location, String problem) {
        requireNonNull(location, "location");
        return new ConfigException(null, location.getLineNr(), location.getColumnNr(), problem, null);
    }

    /** A problem at a line and column (1-based) of the file being read. */
    public static ConfigException at(int line, int column, String problem) {
        return new ConfigException(null, line, column, problem, null);
    }

    /** A problem with the file as a whole (cannot be read, wrong extension). */
    public static ConfigException ofFile(String source, String problem, Throwable cause) {
        return new ConfigException(requireNonNull(source, "source"), 0, 0, problem, cause);
    }

    /** The same problem, naming the file it is in. */
    ConfigException in(String fileName) {
        ConfigException named = new ConfigException(fileName, line, column, problem, getCause());
        named.setStackTrace(getStackTrace());
        return named;
    }

    public String problem() {
        return problem;
    }

    /** 1-based line, or 0 when the problem is not at one place. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when the problem is not at one place. */
    public int column() {
        return column;
    }

    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder(source == null ? "<config>" : source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        return sb.append(": ").append(problem).toString();
    }
}
