// Layout of one Mod-Cog input row and of the label space (spec modcog.md §2).
#pragma once

namespace mop {

inline constexpr int kRingUnits = 16;
inline constexpr int kFixationChannel = 0;
inline constexpr int kRing1Begin = 1;   // modality 1: channels 1..16
inline constexpr int kRing2Begin = 17;  // modality 2: channels 17..32
inline constexpr int kSensoryChannels = 33;
inline constexpr int kLabelClasses = 17;  // 0 = fixate, 1..16 = ring directions

constexpr int ring_begin(int modality) { return modality == 0 ? kRing1Begin : kRing2Begin; }

}  // namespace mop
