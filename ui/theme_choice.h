// The studio's two looks, apart from theme.h so that options and settings need no ImGui.
#pragma once

namespace mop::ui {

enum class Theme { Dark, Light };

}  // namespace mop::ui
