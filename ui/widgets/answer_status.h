// The line beside a derived answer (clusters, LPC against difficulty) that says what it was computed
// on, and turns amber once training has moved the weights on: "routing of step 725" or "stale:
// routing of step 725, the run is at step 2000". Draws into the current window.
#pragma once

#include <cstdint>
#include <string>

namespace mop::ui {

// `what`: "routing", "evaluation"; `tolerance`: how many steps the answer may lag the run before it
// is stale (the refresh interval); `refresh`: how it is renewed, for the tooltip. Returns whether stale.
bool answer_status(const std::string& what, std::int64_t answer_step, std::int64_t run_step, std::int64_t tolerance,
                   const std::string& refresh);

}  // namespace mop::ui
