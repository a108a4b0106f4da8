// Every published artifact with the BOM alone converges.
def log = new File(basedir, 'build.log').text
assert log.contains('DependencyConvergence passed')
return true
