package testtool

import (
	"path/filepath"
	"runtime"
)

// JUnitSchemaPath is the copy of the Jenkins/Ant junit-10.xsd kept in the
// repository's testdata, for the tests of any package that validate JUnit
// output with xmllint. It is a source-tree path: tests only.
func JUnitSchemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "schemas", "junit-10.xsd")
}
