#include "core/family/gated_linear_family.h"

#include "core/gated/gated_config.h"

namespace mop {

const std::string& GatedLinearFamily::name() const {
    static const std::string name = gated::kGatedFamily;
    return name;
}

const std::string& GatedLinearFamily::title() const {
    static const std::string title = "Gated linear network";
    return title;
}

const FamilyWords& GatedLinearFamily::words() const {
    // A block's phases (spec section 5): from the switch until the loss first falls below the
    // adaptation threshold, then settled, and the block's last tenth.
    static const FamilyWords words{"path", "paths", "gate", {"adapt", "settled", "block end"}};
    return words;
}

std::vector<const Setting*> GatedLinearFamily::settings() const {
    std::vector<const Setting*> settings;
    for (const Setting& s : gated::gated_settings()) settings.push_back(&s);
    return settings;
}

std::string GatedLinearFamily::default_text(const Setting& setting) const {
    return gated::gated_setting_text(gated::GatedConfig{}, setting);
}

std::vector<std::string> GatedLinearFamily::preset_names() const { return gated::gated_preset_names(); }

std::string GatedLinearFamily::preset_description(const std::string& preset) const {
    return gated::gated_preset_description(preset);
}

}  // namespace mop
