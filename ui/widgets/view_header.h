// The first line of a task browser view: a title, a coloured tag, dim details, and one action
// button on the right. Details are clipped before the button in narrow windows.
#pragma once

#include <imgui.h>

#include <string>

namespace mop::ui {

struct ViewHeader {
    std::string title;
    std::string tag;  // may be empty
    ImU32 tag_colour = 0;
    std::string details;
    const char* button = "";
    const char* button_tip = "";
};

// Returns true when the button was pressed.
bool draw_view_header(const ViewHeader& header);

}  // namespace mop::ui
