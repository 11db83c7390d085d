// Small status widgets every panel uses the same way: an error message in the error colour, wrapped,
// and a spinner for work in progress. Draw into the current window.
#pragma once

#include <string_view>

namespace mop::ui {

// Vermillion, wrapped at the caller's wrap position or the window's edge; nothing for an empty text.
void error_text(std::string_view text);
// Amber, on one line: something to notice that is not an error (a stale answer, a filter read as text).
void warning_text(std::string_view text);
// The same, wrapped at the caller's wrap position or the window's edge.
void warning_text_wrapped(std::string_view text);
// A turning arc of `radius` pixels at the cursor, as an item.
void draw_spinner(float radius);

}  // namespace mop::ui
