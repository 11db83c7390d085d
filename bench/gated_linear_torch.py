"""The baseline of bench_gated_linear: the gated linear network's equations (shared/spec/gated_linear.md
section 1, Fig. 2's flexible settings) written plainly in PyTorch, every seed a batch dimension and
the batch drawn explicitly, as the authors' JAX code does. Prints one JSON line with the seconds.

  python3 bench/gated_linear_torch.py [--seeds 10] [--threads 1]
"""
import argparse
import json
import math
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(8897)
    paths, d_in, d_out, batch = 2, 20, 10, 200
    tau_w, tau_c, lam, dt = 1.3, 0.03, 0.1, 1e-3
    w_nn, w_1 = 1.0 / 11.0, 10.0 / 11.0
    steps_per_block = int(1.0 // dt)
    blocks = int(20.0 // 1.0) + 1 + 1
    # Orthogonal teachers: rows of a random orthonormal basis, scaled by 1/sqrt(d_in).
    q, _ = torch.linalg.qr(torch.randn(d_in, d_in, dtype=torch.float64))
    teachers = (q.T[: 2 * d_out] / math.sqrt(d_in)).reshape(2, d_out, d_in)
    s = args.seeds
    w = torch.randn(s, paths, d_out, d_in, dtype=torch.float64) * (0.01 / math.sqrt(d_in))
    c = torch.full((s, paths), 0.5, dtype=torch.float64)
    start = time.perf_counter()
    for block in range(blocks):
        target = teachers[block % 2]
        for _ in range(steps_per_block):
            x = torch.randn(s, batch, d_in, dtype=torch.float64)
            student = torch.einsum("sp,spoi->soi", c, w)
            err = torch.einsum("soi,sbi->sbo", student - target, x)
            loss = 0.5 * (err ** 2).sum(dim=2).mean(dim=1)
            g = torch.einsum("sbo,sbi->soi", err, x) / batch
            grad_c = torch.einsum("spoi,soi->sp", w, g)
            l1 = c.abs().sum(dim=1, keepdim=True)
            reg = w_nn * 10.0 * (-(c < 0).double()) + w_1 * 10.0 * (l1 - 1.0) * torch.sign(c)
            grad_c = grad_c + lam * reg
            w = w - (dt / tau_w) * c[:, :, None, None] * g[:, None, :, :]
            c = c - (dt / tau_c) * grad_c
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "steps": blocks * steps_per_block, "seeds": s,
                      "final_loss_mean": float(loss.mean())}))


if __name__ == "__main__":
    main()
