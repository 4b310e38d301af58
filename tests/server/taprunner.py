"""Run the reference server's unittest suite and print TAP.

Usage: python3 taprunner.py [PATTERN...]
Discovers tests/server/test_*.py next to this file (or the modules named
by PATTERN, e.g. test_api), prints "1..N" then one "ok"/"not ok" line per
test method, with failure details as "#" comments.  Exit status 0 when
every test passed.  Set VT_TEST_TIMES=1 to print each test's duration.
"""

import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


class TapResult(unittest.TestResult):
    """A TestResult that prints one TAP line per test as it ends."""

    def __init__(self, stream):
        super().__init__()
        self.stream = stream
        self.number = 0
        self.started = 0.0
        self.show_times = bool(os.environ.get("VT_TEST_TIMES"))

    def startTest(self, test):
        super().startTest(test)
        self.started = time.monotonic()

    def emit(self, ok, test, directive="", details=""):
        self.number += 1
        name = test.id()
        if name.startswith("unittest.suite._ErrorHolder"):
            name = str(test)
        line = "%s %d - %s" % ("ok" if ok else "not ok", self.number, name)
        if directive:
            line += " # " + directive
        if self.show_times:
            line += "  (%.2fs)" % (time.monotonic() - self.started)
        self.stream.write(line + "\n")
        for detail in details.rstrip().splitlines():
            self.stream.write("# " + detail + "\n")
        self.stream.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self.emit(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.emit(False, test, details=self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self.emit(False, test, details=self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.emit(True, test, "SKIP " + reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self.emit(True, test, "TODO expected failure")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self.emit(False, test, "TODO unexpected success")


def main(argv):
    sys.path.insert(0, HERE)
    loader = unittest.TestLoader()
    if argv:
        suite = unittest.TestSuite(loader.loadTestsFromName(name)
                                   for name in argv)
    else:
        suite = loader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    print("1..%d" % suite.countTestCases(), flush=True)
    result = TapResult(sys.stdout)
    suite.run(result)
    # Errors in setUpClass/tearDownClass appear as extra entries: they
    # were printed as "not ok" lines past the plan, which fails the run.
    if result.number != suite.countTestCases():
        print("# ran %d results for a plan of %d" %
              (result.number, suite.countTestCases()))
        return 1
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
