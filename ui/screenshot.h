// Saves what the window shows as a PNG (used by `mop-studio --screenshot` and the GUI smoke test).
#pragma once

#include <string>

namespace mop::ui {

// Reads the currently bound framebuffer's back buffer (call after rendering, before swapping)
// and writes it top row first. Returns an empty string on success, else the reason.
std::string write_framebuffer_png(const std::string& path, int width, int height);

}  // namespace mop::ui
