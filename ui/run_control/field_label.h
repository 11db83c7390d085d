// The side panel's form layout: a label on the left, the widget filling the rest.
#pragma once

namespace mop::ui {

// Draws `label` and leaves the cursor where the field goes, its width set to fill the row.
void field_label(const char* label);

}  // namespace mop::ui
