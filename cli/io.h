// File helpers for the CLI: whole-file reads and atomic writes. The library
// does no I/O; these are the edges.
#ifndef REHAB_CLI_IO_H_
#define REHAB_CLI_IO_H_

#include <optional>
#include <string>

namespace rehab::cli {

// The whole file, or nullopt with `error` set ("cannot read 'x': reason").
std::optional<std::string> ReadWholeFile(const std::string& path, std::string* error);

// Writes `contents` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`, so readers see the old file or the new one, never a
// half-written one. On failure nothing is left behind and `error` is set.
bool WriteFileAtomically(const std::string& path, const std::string& contents,
                         std::string* error);

}  // namespace rehab::cli

#endif  // REHAB_CLI_IO_H_
