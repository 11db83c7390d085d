// printf into a std::string, for the commands' text output (checked like printf by the compiler).
#pragma once

#include <string>

namespace mop::cli {

__attribute__((format(printf, 1, 2))) std::string printf_text(const char* pattern, ...);

}  // namespace mop::cli
