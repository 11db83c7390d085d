// Which of the reference's data quirks to reproduce (spec §10).
#pragma once

namespace mop {

// ReferenceCompatible reproduces the data the paper trained on: labels mod 16 (Q1), DMS delays
// fixed once per dataset seed (Q3), the inconsistent DMC category split (Q7) and deterministic
// modality alternation (Q10). Corrected switches exactly those four to the intended behaviour.
enum class DataMode { ReferenceCompatible, Corrected };

}  // namespace mop
