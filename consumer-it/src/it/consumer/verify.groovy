// The consumer build passed (else the invoker fails first); check it was also quiet.
def log = new File(basedir, 'build.log').text
assert log.contains('DependencyConvergence passed')
assert log.contains('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('Boot application metrics: ') : 'the Boot application did not report its meters'
assert !log.contains('HV000001') : 'Hibernate Validator printed its version banner'
assert !(log =~ /(?m)^.*ERROR.*testcontainers/) : 'Testcontainers logged an error'
return true
