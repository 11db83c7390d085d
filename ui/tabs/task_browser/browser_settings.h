// What the task browser's views share: the selected task, the dataset seed and the data mode.
#pragma once

#include <cstdint>
#include <string>

#include "core/tasks/data_mode.h"

namespace mop::ui {

struct BrowserSettings {
    std::string task = "dlygo";
    std::uint64_t seed = 1;
    bool corrected = false;

    DataMode mode() const { return corrected ? DataMode::Corrected : DataMode::ReferenceCompatible; }
};

}  // namespace mop::ui
