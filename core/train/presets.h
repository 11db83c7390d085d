// Named run settings shipped with the app (assets/presets/*.json, embedded at build time):
// paper, baseline, cost-only, no-dropout (cost + scaling), no-scaling, alpha-1e-4, alpha-1e-6,
// no-task-embedding, quick. Usable by `mop train --preset` and the studio.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/run_config.h"

namespace mop {

// Generated from assets/presets by cmake/EmbedFiles.cmake: the text of "<name>.json".
std::string_view embedded_preset(std::string_view file_name);
std::span<const std::string_view> embedded_preset_names();

std::vector<std::string> preset_names();
std::string preset_description(const std::string& name);
// Overlays the preset onto `config` (and records its name). Throws ConfigError for unknown names.
void apply_preset(RunConfig& config, const std::string& name);

}  // namespace mop
