// The difficulty table shipped with the binaries (assets/difficulty.csv, embedded at build time by
// cmake/EmbedFiles.cmake), so the studio can set complexity against difficulty without the hours
// `mop difficulty` takes.
#pragma once

#include <span>
#include <string_view>

namespace mop {

// Generated: the text of an embedded file by name ("difficulty.csv"); empty when unknown.
std::string_view embedded_difficulty_file(std::string_view file_name);
std::span<const std::string_view> embedded_difficulty_file_names();

inline std::string_view builtin_difficulty_table_text() { return embedded_difficulty_file("difficulty.csv"); }

}  // namespace mop
