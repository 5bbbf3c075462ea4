// The build must have failed because of the Kotlin ban, not for any other reason.
def log = new File(basedir, 'build.log').text
assert log.contains('Kotlin artifacts are banned in kernelsim') : 'expected the enforcer Kotlin ban to fail the build'
assert log.contains('org.jetbrains.kotlin:kotlin-stdlib') : 'expected the banned artifact to be named'
return true
