package dev.tokensieve.datasets;

/** A repository's language and test runner; decides file names and test output formats. */
enum Toolchain {
  PYTEST("python", ".py", "pytest -q", "tests/test_"),
  GO("go", ".go", "go test ./...", "_test.go"),
  MAVEN("java", ".java", "mvn -q test", "Test.java"),
  JEST("typescript", ".ts", "npx jest", ".test.ts"),
  CARGO("rust", ".rs", "cargo test", "tests.rs");

  final String language;
  final String extension;
  final String testCommand;
  final String testMarker;

  Toolchain(String language, String extension, String testCommand, String testMarker) {
    this.language = language;
    this.extension = extension;
    this.testCommand = testCommand;
    this.testMarker = testMarker;
  }
}
