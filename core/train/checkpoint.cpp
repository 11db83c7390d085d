#include "core/train/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdio>

namespace mop {

namespace {

using json = nlohmann::json;
constexpr int kFormatVersion = 1;

at::Tensor bytes_tensor(const std::string& text) {
    return torch::from_blob(const_cast<char*>(text.data()), {static_cast<std::int64_t>(text.size())}, torch::kUInt8).clone();
}

std::string tensor_text(const at::Tensor& t) {
    const at::Tensor c = t.contiguous();
    return std::string(reinterpret_cast<const char*>(c.data_ptr<std::uint8_t>()), static_cast<std::size_t>(c.numel()));
}

json shape_list(MopModel& model) {
    json names = json::array();
    for (const auto& p : model->named_parameters()) names.push_back({p.key(), p.value().sizes().vec()});
    for (const auto& b : model->named_buffers()) names.push_back({b.key(), b.value().sizes().vec()});
    return names;
}

void write_tensors(torch::serialize::OutputArchive& archive, const std::string& prefix, const std::vector<at::Tensor>& tensors) {
    // A copy: on the CPU .cpu() aliases the live parameter, which eval()/train() change before saving.
    for (std::size_t i = 0; i < tensors.size(); ++i) archive.write(prefix + std::to_string(i), tensors[i].detach().cpu().clone());
}

std::vector<at::Tensor> all_tensors(MopModel& model) {
    std::vector<at::Tensor> tensors = model->parameters();
    for (const auto& b : model->buffers()) tensors.push_back(b);
    return tensors;
}

void fsync_file(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

struct OpenedCheckpoint {
    torch::serialize::InputArchive archive;
    json meta;
};

void open_checkpoint(const std::filesystem::path& file, MopModel& model, OpenedCheckpoint& opened) {
    if (!std::filesystem::exists(file)) throw CheckpointError("checkpoint " + file.string() + " does not exist");
    try {
        opened.archive.load_from(file.string());
        at::Tensor meta;
        if (!opened.archive.try_read("meta", meta)) throw CheckpointError("checkpoint " + file.string() + " has no metadata");
        opened.meta = json::parse(tensor_text(meta));
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception& e) {
        throw CheckpointError("checkpoint " + file.string() + " is not readable (corrupt or not a checkpoint): " +
                              std::string(e.what()).substr(0, 200));
    }
    if (opened.meta.value("format", 0) != kFormatVersion)
        throw CheckpointError("checkpoint " + file.string() + " has an unknown format version");
    if (opened.meta["tensors"] != shape_list(model))
        throw CheckpointError("checkpoint " + file.string() + " does not fit this model (different layers or sizes)");
}

void read_into(torch::serialize::InputArchive& archive, const std::string& prefix, const std::vector<at::Tensor>& targets,
               const std::filesystem::path& file) {
    torch::NoGradGuard no_grad;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        at::Tensor value;
        if (!archive.try_read(prefix + std::to_string(i), value))
            throw CheckpointError("checkpoint " + file.string() + " lacks " + prefix + std::to_string(i));
        targets[i].copy_(value);
    }
}

}  // namespace

void save_checkpoint(const std::filesystem::path& file, MopModel& model, ScheduleFreeAdamW& optimizer,
                     const TrainingPosition& position) {
    json meta;
    meta["format"] = kFormatVersion;
    meta["step"] = position.step;
    meta["wall_time_s"] = position.wall_time_s;
    meta["loss_scale"] = position.loss_scale;
    meta["loss_scale_growth"] = position.loss_scale_growth;
    meta["tensors"] = shape_list(model);
    json rows = json::array();
    for (const auto& row : position.data) rows.push_back({row.rng, row.last_position, row.next_modality});
    meta["data"] = rows;

    torch::serialize::OutputArchive archive;
    archive.write("meta", bytes_tensor(meta.dump()));
    write_tensors(archive, "train.", all_tensors(model));
    optimizer.eval();
    write_tensors(archive, "model.", all_tensors(model));
    optimizer.train();
    torch::serialize::OutputArchive optimizer_archive;
    optimizer.save(optimizer_archive);
    archive.write("optimizer", optimizer_archive);

    std::filesystem::create_directories(file.parent_path());
    const std::filesystem::path temporary = file.string() + ".tmp";
    archive.save_to(temporary.string());
    fsync_file(temporary);
    std::filesystem::rename(temporary, file);
}

TrainingPosition load_checkpoint(const std::filesystem::path& file, MopModel& model, ScheduleFreeAdamW& optimizer) {
    OpenedCheckpoint opened;
    open_checkpoint(file, model, opened);
    TrainingPosition position;
    try {
        read_into(opened.archive, "train.", all_tensors(model), file);
        torch::serialize::InputArchive optimizer_archive;
        opened.archive.read("optimizer", optimizer_archive);
        optimizer.load(optimizer_archive);
        optimizer.train();
        const json& meta = opened.meta;
        position.step = meta.at("step").get<std::int64_t>();
        position.wall_time_s = meta.at("wall_time_s").get<double>();
        position.loss_scale = meta.at("loss_scale").get<double>();
        position.loss_scale_growth = meta.at("loss_scale_growth").get<int>();
        for (const json& row : meta.at("data")) {
            TaskStream::State state;
            state.rng = row.at(0).get<Rng::State>();
            state.last_position = row.at(1).get<int>();
            state.next_modality = row.at(2).get<std::vector<std::uint8_t>>();
            position.data.push_back(std::move(state));
        }
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception& e) {
        throw CheckpointError("checkpoint " + file.string() + " is damaged: " + std::string(e.what()).substr(0, 200));
    }
    return position;
}

std::int64_t load_model_weights(const std::filesystem::path& file, MopModel& model) {
    OpenedCheckpoint opened;
    open_checkpoint(file, model, opened);
    read_into(opened.archive, "model.", all_tensors(model), file);
    return opened.meta.at("step").get<std::int64_t>();
}

}  // namespace mop
