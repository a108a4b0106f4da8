// The Yandex-only build passed (else the invoker fails first) and ran its test.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
return true
