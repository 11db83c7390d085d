#include "cli/cli_options.h"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/analyze_command.h"
#include "cli/difficulty_command.h"
#include "cli/export_command.h"
#include "cli/sweep_command.h"
#include "cli/report_command.h"
#include "cli/eval_command.h"
#include "cli/tasks_command.h"
#include "cli/train_command.h"
#include "core/train/checkpoint_files.h"
#include "core/train/run_config.h"

namespace mop::cli {

int run_mop(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    CLI::App app{"mop: the Pathway Studio command line (Mixture-of-Pathways on Mod-Cog)", "mop"};
    app.require_subcommand(1);
    app.failure_message(CLI::FailureMessage::simple);
    Streams streams{out, err};
    add_tasks_command(app, streams);
    add_train_command(app, streams);
    add_eval_command(app, streams);
    add_analyze_command(app, streams);
    add_difficulty_command(app, streams);
    add_export_command(app, streams);
    add_sweep_command(app, streams);
    add_report_command(app, streams);

    std::vector<std::string> argv_storage;
    argv_storage.reserve(args.size() + 1);
    argv_storage.emplace_back("mop");
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_storage) argv.push_back(a.data());

    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return kExitOk;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        err << "mop: " << e.what() << "\n";
        return kExitBadInput;
    } catch (const ConfigError& e) {
        err << "mop: " << e.what() << "\n";
        return kExitBadInput;
    } catch (const CheckpointError& e) {
        err << "mop: " << e.what() << "\n";
        return kExitBadInput;
    } catch (const ExitWith& e) {
        if (*e.what()) err << "mop: " << e.what() << "\n";
        return e.code;
    } catch (const BadInput& e) {
        err << "mop: " << e.what() << "\n";
        return kExitBadInput;
    } catch (const std::exception& e) {
        err << "mop: error: " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace mop::cli
