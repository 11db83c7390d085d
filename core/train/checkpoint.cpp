#include "core/train/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/train/checked_write.h"

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

// The file is our container around LibTorch's archive: a magic, a checksum of the archive's bytes
// and their length, then the bytes. A flipped byte anywhere is caught before anything is loaded.
// Files without the magic are checkpoints from before the container (read as they are, unchecked).
constexpr char kMagic[8] = {'M', 'O', 'P', 'C', 'K', 'P', 'T', '1'};
constexpr std::size_t kHeaderBytes = sizeof kMagic + 2 * sizeof(std::uint64_t);

std::uint64_t checksum(const std::string& bytes) {  // FNV-1a, 64 bits
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    return h;
}

[[noreturn]] void write_failed(const std::filesystem::path& file, const std::filesystem::path& temporary, int error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw CheckpointWriteError("cannot write checkpoint " + file.string() + ": " + std::strerror(error) +
                          " (the previous checkpoint is kept)");
}

// Writes header + bytes to `temporary`, checking every call, flushed to disk; then renames.
void write_container(const std::filesystem::path& file, const std::string& bytes) {
    const std::filesystem::path temporary = file.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) write_failed(file, temporary, errno);
    std::string header(kMagic, sizeof kMagic);
    const std::uint64_t sum = checksum(bytes), length = bytes.size();
    header.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    header.append(reinterpret_cast<const char*>(&length), sizeof length);
    for (const std::string* part : {static_cast<const std::string*>(&header), &bytes})
        if (const int error = write_all(fd, *part)) {
            ::close(fd);
            write_failed(file, temporary, error);
        }
    if (::fsync(fd) != 0) {
        const int error = errno;
        ::close(fd);
        write_failed(file, temporary, error);
    }
    if (::close(fd) != 0) write_failed(file, temporary, errno);
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) write_failed(file, temporary, error.value());
}

// The archive's bytes of a checkpoint file, checked; empty optional for a file from before the container.
std::optional<std::string> read_container(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw CheckpointError("checkpoint " + file.string() + " cannot be read");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < sizeof kMagic || bytes.compare(0, sizeof kMagic, kMagic, sizeof kMagic) != 0) return std::nullopt;
    if (bytes.size() < kHeaderBytes) throw CheckpointError("checkpoint " + file.string() + " is cut short");
    std::uint64_t sum = 0, length = 0;
    std::memcpy(&sum, bytes.data() + sizeof kMagic, sizeof sum);
    std::memcpy(&length, bytes.data() + sizeof kMagic + sizeof sum, sizeof length);
    if (length != bytes.size() - kHeaderBytes)
        throw CheckpointError("checkpoint " + file.string() + " is cut short or padded (" +
                              std::to_string(bytes.size() - kHeaderBytes) + " bytes of " + std::to_string(length) + ")");
    std::string archive = bytes.substr(kHeaderBytes);
    if (checksum(archive) != sum)
        throw CheckpointError("checkpoint " + file.string() + " is corrupt: its checksum does not match its contents");
    return archive;
}

struct OpenedCheckpoint {
    torch::serialize::InputArchive archive;
    json meta;
};

void open_checkpoint(const std::filesystem::path& file, MopModel& model, OpenedCheckpoint& opened,
                     const std::string& run_uid) {
    if (!std::filesystem::exists(file)) throw CheckpointError("checkpoint " + file.string() + " does not exist");
    const std::optional<std::string> archive = read_container(file);
    try {
        if (archive) {
            std::istringstream stream(*archive);
            opened.archive.load_from(stream);
        } else {
            opened.archive.load_from(file.string());
        }
        at::Tensor meta;
        if (!opened.archive.try_read("meta", meta)) throw CheckpointError("checkpoint " + file.string() + " has no metadata");
        opened.meta = json::parse(tensor_text(meta));
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception& e) {
        throw CheckpointError("checkpoint " + file.string() + " is not readable (corrupt or not a checkpoint): " +
                              std::string(e.what()).substr(0, 200));
    }
    if (!opened.meta.is_object() || !opened.meta.contains("step") || !opened.meta["step"].is_number_integer())
        throw CheckpointError("checkpoint " + file.string() + " has damaged metadata");
    if (opened.meta.value("format", 0) != kFormatVersion)
        throw CheckpointError("checkpoint " + file.string() + " has an unknown format version");
    if (opened.meta["tensors"] != shape_list(model))
        throw CheckpointError("checkpoint " + file.string() + " does not fit this model (different layers or sizes)");
    const std::string owner = opened.meta.value("run_uid", std::string());
    if (!run_uid.empty() && !owner.empty() && owner != run_uid)
        throw CheckpointError("checkpoint " + file.string() + " belongs to another run (run " + owner + ", this is " +
                              run_uid + ")");
    const auto named = checkpoint_step_of(file);
    const std::int64_t step = opened.meta.value("step", std::int64_t{-1});
    if (named && *named != step)
        throw CheckpointError("checkpoint " + file.string() + " holds step " + std::to_string(step) +
                              ", not the step its name says");
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
                     const TrainingPosition& position, const std::string& run_uid) {
    json meta;
    meta["format"] = kFormatVersion;
    if (!run_uid.empty()) meta["run_uid"] = run_uid;
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

    std::ostringstream bytes;
    archive.save_to(bytes);
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) throw CheckpointWriteError("cannot write checkpoint " + file.string() + ": " + error.message());
    write_container(file, bytes.str());
}

TrainingPosition load_checkpoint(const std::filesystem::path& file, MopModel& model, ScheduleFreeAdamW& optimizer,
                                 const std::string& run_uid) {
    OpenedCheckpoint opened;
    open_checkpoint(file, model, opened, run_uid);
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
    open_checkpoint(file, model, opened, {});
    try {
        read_into(opened.archive, "model.", all_tensors(model), file);
    } catch (const CheckpointError&) {
        throw;
    } catch (const std::exception& e) {
        throw CheckpointError("checkpoint " + file.string() + " is damaged: " + std::string(e.what()).substr(0, 200));
    }
    return opened.meta.at("step").get<std::int64_t>();
}

}  // namespace mop
