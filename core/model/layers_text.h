// A model's layers as one line of text, the one grammar the CLI, the studio and reports share:
// "0,16,32 x3" when every layer is the same, "0,16,32; 0,16; 0,32" otherwise.
#pragma once

#include <string>
#include <vector>

namespace mop {

// Accepts "0,16,32 x3", "0,16,32; 0,32" and mixes ("0,16,32 x2; 0,32"). Throws
// std::invalid_argument with a message for the user ("layers: ...").
std::vector<std::vector<int>> parse_layers_text(const std::string& text);
std::string format_layers_text(const std::vector<std::vector<int>>& layers);

}  // namespace mop
