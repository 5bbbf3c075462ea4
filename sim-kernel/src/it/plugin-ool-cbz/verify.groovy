// The standalone build of examples/plugin-ool-cbz (see the invoker execution in sim-kernel/pom.xml):
// its contract tests must have run, not just compiled, and its jar must exist. Then the jar is used
// as the README says: through the real plugin discovery of the built distribution, running the
// example's config to exit 0 with --fail-on.
def log = new File(basedir, 'build.log').text
def summary = (log =~ /(?m)^\[INFO\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)$/)
assert summary.find() : 'no surefire summary in the example build: did its tests run?'
int tests = summary.group(1) as int
assert tests > 0 : "the example's contract suite ran no test"
assert summary.group(2) == '0' && summary.group(3) == '0' : 'the example build reported test failures'

def pluginDir = new File(basedir, 'target')
def jar = new File(pluginDir, 'plugin-ool-cbz.jar')
assert jar.isFile() : "expected ${jar}"

// Run the distribution (target/sim-kernel.jar + target/lib, packaged before integration-test) directly:
// ./sim would start a nested Maven build when it thinks the distribution is stale.
def java = new File(System.getProperty('java.home'), 'bin/java').path
def sim = { List<String> args ->
    def cmd = [java, '-Xss8m', "-Dkernelsim.home=${kernelsimRoot}".toString(), '-jar', simJar.toString(),
               '--plugins', pluginDir.path] + args
    def p = new ProcessBuilder(cmd).directory(new File(kernelsimRoot.toString())).redirectErrorStream(true).start()
    def out = p.inputStream.text
    int rc = p.waitFor()
    new File(basedir, "sim-${args[0]}.log").text = "\$ ${cmd.join(' ')}\n${out}exit ${rc}\n"
    [rc, out]
}

def (int brc, String backends) = sim(['backends'])
assert brc == 0 : "sim backends exited ${brc}:\n${backends}"
assert backends.readLines().any { it.contains('ool-cbz') && it.contains('plugin-ool-cbz.jar') } :
        "sim backends does not list ool-cbz from plugin-ool-cbz.jar:\n${backends}"

def (int rrc, String runOut) = sim(['run', 'examples/plugin-ool-cbz/ool-cbz.yaml', '--fail-on', 'cfi,oops,panic,violation'])
assert rrc == 0 : "sim run examples/plugin-ool-cbz/ool-cbz.yaml exited ${rrc}:\n${runOut}"

println "plugin-ool-cbz: ${tests} contract tests passed, ${jar.name} built, listed by sim backends, ool-cbz.yaml ran clean"
return true
