// The studio's command-line script: --start, --steps, --open/--browse and the ablation flags press
// the same buttons a user would (the run control's Start, Step, Evaluate now, the expert switches),
// one stage per frame, waiting on the engine's snapshots in between. GL-free.
#pragma once

#include <string>

#include "core/engine/engine_snapshot.h"
#include "ui/studio_options.h"
#include "ui/studio_selection.h"

namespace mop::ui {

class RunControlPanel;

class StudioScript {
public:
    enum class State { Working, Done, Failed };

    explicit StudioScript(const StudioOptions& options);
    // Call once per frame with the latest snapshot.
    State advance(const EngineSnapshot& snapshot, StudioSelection& selection, RunControlPanel& run_control,
                  const PostCommand& post);
    const std::string& error() const { return m_error; }

private:
    enum class Stage { Begin, WaitTrained, WaitOpened, WaitEvaluated, Ablate, WaitAblation, Done, Failed };
    State fail(std::string message);
    bool wants_ablation() const;

    StudioOptions m_options;
    Stage m_stage = Stage::Begin;
    std::string m_error;
};

}  // namespace mop::ui
