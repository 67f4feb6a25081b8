#!/usr/bin/env python3
"""Builds the tiny ONNX models that samlad-onnx's tests run through the real ONNX Runtime code path.

Each model has exactly the inputs and outputs (names, ranks, element types, fixed sizes, symbolic dimensions) of the
real export it stands for, but tiny compute whose result is a documented closed-form function, so that tests can
work out expected answers by hand. Run with Debian's python3-onnx (onnx 1.12, opset 17) and numpy:

    /usr/bin/python3 samlad-onnx/src/test/python/make_tiny_models.py samlad-onnx/src/test/resources/models

`--wide OUT` instead writes wider backbones with the same signatures (256 and 768 channels, seeded weights) for
measuring how the pipeline's cost grows with channels; they are not committed.

Output is deterministic (no random weights). The functions are restated in TinyModels.java (test sources); change
both together.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
FLOAT = TensorProto.FLOAT


def const(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def const_i64(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.int64), name)


def save(graph, path, doc):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="samlad-tiny")
    model.ir_version = 8
    model.doc_string = doc
    onnx.checker.check_model(model)
    onnx.save(model, path)
    print(f"{path}: {os.path.getsize(path)} bytes")


def one_hot_rgb_weights(channels):
    """Conv 1x1 weights: output channel c copies input channel c % 3, scaled by 1 + c // 3."""
    w = np.zeros((channels, 3, 1, 1), dtype=np.float32)
    for c in range(channels):
        w[c, c % 3, 0, 0] = 1.0 + c // 3
    return w


def vit(path, registers):
    """DINOv2-shaped ViT as exported by Hugging Face optimum (Dinov2Model / Dinov2WithRegistersModel), D = 384.

    patch(x, y)[c] = (1 + c // 3) * mean over the 14x14 patch of input channel c % 3, + 0.001 * c
    CLS = mean over patches + 1; register r = constant -(r + 1); pooler_output = CLS.
    """
    d = 384
    nodes = [
        helper.make_node("AveragePool", ["pixel_values"], ["pooled"], kernel_shape=[14, 14], strides=[14, 14]),
        helper.make_node("Conv", ["pooled", "w", "b"], ["grid"]),
        helper.make_node("Reshape", ["grid", "flat_shape"], ["flat"]),
        helper.make_node("Transpose", ["flat"], ["patches"], perm=[0, 2, 1]),
        helper.make_node("ReduceMean", ["patches"], ["patch_mean"], axes=[1], keepdims=1),
        helper.make_node("Add", ["patch_mean", "one"], ["cls"]),
    ]
    inits = [const("w", one_hot_rgb_weights(d)), const("b", 0.001 * np.arange(d)), const_i64("flat_shape", [0, d, -1]),
             const("one", [1.0])]
    parts = ["cls"]
    if registers:
        reg = np.zeros((1, registers, d), dtype=np.float32)
        for r in range(registers):
            reg[0, r, :] = -(r + 1)
        nodes += [helper.make_node("Mul", ["patch_mean", "zero"], ["zeros"]),
                  helper.make_node("Add", ["zeros", "reg"], ["registers"])]
        inits += [const("zero", [0.0]), const("reg", reg)]
        parts.append("registers")
    parts.append("patches")
    nodes += [helper.make_node("Concat", parts, ["last_hidden_state"], axis=1),
              helper.make_node("Squeeze", ["cls", "axis1"], ["pooler_output"])]
    inits.append(const_i64("axis1", [1]))
    graph = helper.make_graph(
        nodes, "tiny_dinov2",
        [helper.make_tensor_value_info("pixel_values", FLOAT, ["batch_size", "num_channels", "height", "width"])],
        [helper.make_tensor_value_info("last_hidden_state", FLOAT, ["batch_size", "sequence_length", d]),
         helper.make_tensor_value_info("pooler_output", FLOAT, ["batch_size", d])],
        inits)
    save(graph, path, f"tiny DINOv2-shaped ViT, patch 14, D {d}, {registers} registers")


def cnn(path):
    """CNN backbone with a fixed 224x224 input and a [B,64,7,7] feature map:
    out(x, y)[c] = (1 + c // 3) * mean over the 32x32 block of input channel c % 3."""
    c = 64
    nodes = [helper.make_node("AveragePool", ["input"], ["pooled"], kernel_shape=[32, 32], strides=[32, 32]),
             helper.make_node("Conv", ["pooled", "w"], ["features"])]
    graph = helper.make_graph(
        nodes, "tiny_cnn",
        [helper.make_tensor_value_info("input", FLOAT, ["batch_size", 3, 224, 224])],
        [helper.make_tensor_value_info("features", FLOAT, ["batch_size", c, 7, 7])],
        [const("w", one_hot_rgb_weights(c))])
    save(graph, path, "tiny CNN backbone, 224 -> 7x7x64")


def seeded_conv3x3(channels, seed):
    """3x3 conv weights over RGB, seeded normal / sqrt(27): features of rank well above 3 once rectified."""
    rng = np.random.RandomState(seed)
    return (rng.standard_normal((channels, 3, 3, 3)) / np.sqrt(27.0)).astype(np.float32)


def wide_vit(path, d):
    """Wide DINOv2-shaped ViT (inputs and outputs of vit(), D = d) for measuring cost against channels:
    patch grid = ReLU(3x3 seeded conv of the 14x14 patch means); CLS = mean over patches + 1. Not for the suite."""
    nodes = [
        helper.make_node("AveragePool", ["pixel_values"], ["pooled"], kernel_shape=[14, 14], strides=[14, 14]),
        helper.make_node("Conv", ["pooled", "w"], ["conv"], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["conv"], ["grid"]),
        helper.make_node("Reshape", ["grid", "flat_shape"], ["flat"]),
        helper.make_node("Transpose", ["flat"], ["patches"], perm=[0, 2, 1]),
        helper.make_node("ReduceMean", ["patches"], ["patch_mean"], axes=[1], keepdims=1),
        helper.make_node("Add", ["patch_mean", "one"], ["cls"]),
        helper.make_node("Concat", ["cls", "patches"], ["last_hidden_state"], axis=1),
        helper.make_node("Squeeze", ["cls", "axis1"], ["pooler_output"]),
    ]
    inits = [const("w", seeded_conv3x3(d, d)), const_i64("flat_shape", [0, d, -1]), const("one", [1.0]),
             const_i64("axis1", [1])]
    graph = helper.make_graph(
        nodes, "wide_dinov2",
        [helper.make_tensor_value_info("pixel_values", FLOAT, ["batch_size", "num_channels", "height", "width"])],
        [helper.make_tensor_value_info("last_hidden_state", FLOAT, ["batch_size", "sequence_length", d]),
         helper.make_tensor_value_info("pooler_output", FLOAT, ["batch_size", d])],
        inits)
    save(graph, path, f"wide DINOv2-shaped ViT, patch 14, D {d}")


def wide_cnn(path, c):
    """Wide CNN with IS-Net's encoder signature as ../shared/tools/real-cnn makes it (input [B,3,512,256], output
    features [B,c,64,32], stride 8): ReLU(3x3 seeded conv of the 8x8 block means). Not for the suite."""
    nodes = [helper.make_node("AveragePool", ["input"], ["pooled"], kernel_shape=[8, 8], strides=[8, 8]),
             helper.make_node("Conv", ["pooled", "w"], ["conv"], pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["conv"], ["features"])]
    graph = helper.make_graph(
        nodes, "wide_cnn",
        [helper.make_tensor_value_info("input", FLOAT, ["batch_size", 3, 512, 256])],
        [helper.make_tensor_value_info("features", FLOAT, ["batch_size", c, 64, 32])],
        [const("w", seeded_conv3x3(c, c))])
    save(graph, path, f"wide CNN backbone, 512x256 -> 64x32x{c}")


def cnn_two_outputs(path):
    """CNN with two feature outputs, neither named last_hidden_state (an encoder exported with two stages'
    activations): which one is the backbone's output must come from the card's "output" field.
    stage1 [B,3,56,56] = 4x4 average; stage2 [B,3,7,7] = 32x32 average."""
    nodes = [helper.make_node("AveragePool", ["input"], ["stage1"], kernel_shape=[4, 4], strides=[4, 4]),
             helper.make_node("AveragePool", ["input"], ["stage2"], kernel_shape=[32, 32], strides=[32, 32])]
    graph = helper.make_graph(
        nodes, "tiny_cnn_two_outputs",
        [helper.make_tensor_value_info("input", FLOAT, ["batch_size", 3, 224, 224])],
        [helper.make_tensor_value_info("stage1", FLOAT, ["batch_size", 3, 56, 56]),
         helper.make_tensor_value_info("stage2", FLOAT, ["batch_size", 3, 7, 7])],
        [])
    save(graph, path, "tiny CNN with two outputs")


def sam_encoder(path):
    """SAM image encoder shape: [1,3,1024,1024] -> image_embeddings [1,256,64,64];
    emb[c](x, y) = (1 + c // 3) * mean over the 16x16 block of input channel c % 3."""
    nodes = [helper.make_node("AveragePool", ["image"], ["pooled"], kernel_shape=[16, 16], strides=[16, 16]),
             helper.make_node("Conv", ["pooled", "w"], ["image_embeddings"])]
    graph = helper.make_graph(
        nodes, "tiny_sam_encoder",
        [helper.make_tensor_value_info("image", FLOAT, [1, 3, 1024, 1024])],
        [helper.make_tensor_value_info("image_embeddings", FLOAT, [1, 256, 64, 64])],
        [const("w", one_hot_rgb_weights(256))])
    save(graph, path, "tiny SAM encoder")


# Per mask token m = 0..3 (SAM's decoder has four; automatic generation uses tokens 1..3):
# logits_m(x, y) = SLOPE[m] * (HALF[m] - u * max(|x + 0.5 - px|, |y + 0.5 - py|)) on the orig_im_size pixel grid,
# where (px, py) = first prompt point / (1024 / max(H, W)), i.e. the point back in original-image pixels, and
# u = 64 / max(H, W): distances count in 64ths of the longer side, so that, as with a real decoder, a mask covers the
# same part of the image whatever orig_im_size asks (at a longer side of 64 one unit is one pixel);
# iou_m = BASE[m] + PER_X[m] * px / W + PER_Y[m] * py / H.
HALF = [6.0, 2.0, 4.0, 8.0]
SLOPE = [4.0, 64.0, 0.5, 64.0]
BASE = [0.80, 0.96, 0.93, 0.95]
PER_X = [0.0, 0.0, 0.0, -0.2]
PER_Y = [0.0, -0.2, 0.0, 0.0]


def sam_decoder(path, single_mask, dynamic_batch):
    """Segment Anything's official ONNX decoder signature (scripts/export_onnx_model.py, SamOnnxModel).
    Multimask export: outputs all four tokens. Single-mask export: picks the token with the best
    iou + (num_points - 2.5) * [1000, 0, 0, 0], as SamOnnxModel.select_masks does.
    low_res_masks evaluates the same function at the centres of the 256x256 low-res cells (1024-frame 4u + 2)."""
    batch = "num_prompts" if dynamic_batch else 1
    n = [helper.make_node("Gather", ["point_coords", "i0"], ["first_point"], axis=1),          # [B,2]
         helper.make_node("Gather", ["first_point", "i0"], ["px1024"], axis=1),                # [B]
         helper.make_node("Gather", ["first_point", "i1"], ["py1024"], axis=1),
         helper.make_node("Gather", ["orig_im_size", "i0"], ["H"], axis=0),                    # scalar
         helper.make_node("Gather", ["orig_im_size", "i1"], ["W"], axis=0),
         helper.make_node("Max", ["H", "W"], ["long_side"]),
         helper.make_node("Div", ["long_side", "frame"], ["inv_scale"]),                       # max(H,W)/1024
         helper.make_node("Div", ["sixty_four", "long_side"], ["unit"]),                       # 64/max(H,W)
         helper.make_node("Mul", ["px1024", "inv_scale"], ["px"]),
         helper.make_node("Mul", ["py1024", "inv_scale"], ["py"]),
         helper.make_node("Reshape", ["px", "b111"], ["px4"]),
         helper.make_node("Reshape", ["py", "b111"], ["py4"]),
         # original pixel grid
         helper.make_node("Range", ["zero", "W", "one"], ["xs0"]),
         helper.make_node("Range", ["zero", "H", "one"], ["ys0"]),
         helper.make_node("Add", ["xs0", "half"], ["xs1"]),
         helper.make_node("Add", ["ys0", "half"], ["ys1"]),
         helper.make_node("Reshape", ["xs1", "row_shape"], ["xs"]),
         helper.make_node("Reshape", ["ys1", "col_shape"], ["ys"]),
         # low-res grid centres in original pixels: (4u + 2) * max(H,W) / 1024
         helper.make_node("Mul", ["lr_centres", "inv_scale"], ["lr"]),
         helper.make_node("Reshape", ["lr", "row_shape"], ["lrx"]),
         helper.make_node("Reshape", ["lr", "col_shape"], ["lry"])]
    for grid, xs, ys in (("hi", "xs", "ys"), ("lo", "lrx", "lry")):
        n += [helper.make_node("Sub", [xs, "px4"], [f"{grid}_dx0"]),
              helper.make_node("Abs", [f"{grid}_dx0"], [f"{grid}_dx"]),
              helper.make_node("Sub", [ys, "py4"], [f"{grid}_dy0"]),
              helper.make_node("Abs", [f"{grid}_dy0"], [f"{grid}_dy"]),
              helper.make_node("Max", [f"{grid}_dx", f"{grid}_dy"], [f"{grid}_d_px"]),         # [B,1,h,w]
              helper.make_node("Mul", [f"{grid}_d_px", "unit"], [f"{grid}_d"]),
              helper.make_node("Sub", ["radius", f"{grid}_d"], [f"{grid}_m"]),                 # [B,4,h,w]
              helper.make_node("Mul", [f"{grid}_m", "slope"], [f"{grid}_logits"])]
    # iou and the unused-but-required inputs (multiplied by zero so that every real input is consumed)
    n += [helper.make_node("Div", ["px", "W"], ["rx"]),
          helper.make_node("Div", ["py", "H"], ["ry"]),
          helper.make_node("Unsqueeze", ["rx", "ax1"], ["rx2"]),
          helper.make_node("Unsqueeze", ["ry", "ax1"], ["ry2"]),
          helper.make_node("Mul", ["rx2", "per_x"], ["ix"]),
          helper.make_node("Mul", ["ry2", "per_y"], ["iy"]),
          helper.make_node("Add", ["ix", "iy"], ["ixy"]),
          helper.make_node("Add", ["ixy", "base"], ["iou_raw"]),
          # one element of each large input is enough to consume it (summing a million values per prompt would
          # make the tiny decoder's own compute dominate what it is meant to measure: samlad's work around it)
          helper.make_node("Slice", ["image_embeddings", "first4", "one4"], ["emb_first"]),
          helper.make_node("Slice", ["mask_input", "first4", "one4"], ["mask_first"]),
          helper.make_node("ReduceSum", ["emb_first"], ["emb_sum"], keepdims=0),
          helper.make_node("ReduceSum", ["mask_first"], ["mask_sum"], keepdims=0),
          helper.make_node("ReduceSum", ["point_labels"], ["label_sum"], keepdims=0),
          helper.make_node("ReduceSum", ["has_mask_input"], ["has_sum"], keepdims=0),
          helper.make_node("Add", ["emb_sum", "mask_sum"], ["s1"]),
          helper.make_node("Add", ["s1", "label_sum"], ["s2"]),
          helper.make_node("Add", ["s2", "has_sum"], ["s3"]),
          helper.make_node("Mul", ["s3", "zero"], ["unused"]),
          helper.make_node("Add", ["iou_raw", "unused"], ["iou_all"])]
    inits = [const_i64("i0", 0), const_i64("i1", 1), const_i64("ax1", [1]), const("frame", 1024.0), const("sixty_four", 64.0),
             const_i64("first4", [0, 0, 0, 0]), const_i64("one4", [1, 1, 1, 1]), const_i64("b111", [-1, 1, 1, 1]),
             const("zero", 0.0), const("one", 1.0), const("half", 0.5), const_i64("row_shape", [1, 1, 1, -1]),
             const_i64("col_shape", [1, 1, -1, 1]), const("lr_centres", 4.0 * np.arange(256) + 2.0),
             const("radius", np.reshape(HALF, (1, 4, 1, 1))), const("slope", np.reshape(SLOPE, (1, 4, 1, 1))),
             const("base", np.reshape(BASE, (1, 4))), const("per_x", np.reshape(PER_X, (1, 4))),
             const("per_y", np.reshape(PER_Y, (1, 4)))]
    channels = 4
    if single_mask:
        channels = 1
        n += [helper.make_node("Shape", ["point_coords"], ["pc_shape"]),
              helper.make_node("Gather", ["pc_shape", "i1"], ["num_points_i"], axis=0),
              helper.make_node("Cast", ["num_points_i"], ["num_points"], to=FLOAT),
              helper.make_node("Sub", ["num_points", "two_and_half"], ["np_off"]),
              helper.make_node("Mul", ["np_off", "reweight"], ["bonus"]),
              helper.make_node("Add", ["iou_all", "bonus"], ["score"]),
              helper.make_node("ReduceMax", ["score"], ["best"], axes=[1], keepdims=1),
              helper.make_node("Equal", ["score", "best"], ["is_best_b"]),
              helper.make_node("Cast", ["is_best_b"], ["is_best"], to=FLOAT),                      # [B,4]
              helper.make_node("Mul", ["iou_all", "is_best"], ["iou_sel"]),
              helper.make_node("ReduceSum", ["iou_sel", "axes1"], ["iou_predictions"], keepdims=1),
              helper.make_node("Unsqueeze", ["is_best", "axes23"], ["is_best4"])]
        for grid, out in (("hi", "masks"), ("lo", "low_res_masks")):
            n += [helper.make_node("Mul", [f"{grid}_logits", "is_best4"], [f"{grid}_sel"]),
                  helper.make_node("ReduceSum", [f"{grid}_sel", "axes1"], [out], keepdims=1)]
        inits += [const("two_and_half", 2.5), const("reweight", [[1000.0, 0.0, 0.0, 0.0]]),
                  const_i64("axes1", [1]), const_i64("axes23", [2, 3])]
    else:
        n += [helper.make_node("Identity", ["iou_all"], ["iou_predictions"]),
              helper.make_node("Identity", ["hi_logits"], ["masks"]),
              helper.make_node("Identity", ["lo_logits"], ["low_res_masks"])]
    graph = helper.make_graph(
        n, "tiny_sam_decoder",
        [helper.make_tensor_value_info("image_embeddings", FLOAT, [1, 256, 64, 64]),
         helper.make_tensor_value_info("point_coords", FLOAT, [batch, "num_points", 2]),
         helper.make_tensor_value_info("point_labels", FLOAT, [batch, "num_points"]),
         helper.make_tensor_value_info("mask_input", FLOAT, [1, 1, 256, 256]),
         helper.make_tensor_value_info("has_mask_input", FLOAT, [1]),
         helper.make_tensor_value_info("orig_im_size", FLOAT, [2])],
        [helper.make_tensor_value_info("masks", FLOAT, [batch, channels, "height", "width"]),
         helper.make_tensor_value_info("iou_predictions", FLOAT, [batch, channels]),
         helper.make_tensor_value_info("low_res_masks", FLOAT, [batch, channels, 256, 256])],
        inits)
    save(graph, path, f"tiny SAM decoder, {'single' if single_mask else 'multi'}mask, "
                      f"{'dynamic' if dynamic_batch else 'fixed'} prompt batch")


def upsampler(path, channels="channels"):
    """FeatUp-style upsampler: features [1,C,h,w] + image [1,3,H,W] -> [1,C,4h,4w];
    out = nearest 4x upsampling of the features + mean of all image values. C is free unless given."""
    nodes = [helper.make_node("Resize", ["features", "", "scales"], ["up"], mode="nearest"),
             helper.make_node("ReduceMean", ["image"], ["image_mean"], keepdims=1),
             helper.make_node("Add", ["up", "image_mean"], ["upsampled"])]
    graph = helper.make_graph(
        nodes, "tiny_upsampler",
        [helper.make_tensor_value_info("features", FLOAT, [1, channels, "h", "w"]),
         helper.make_tensor_value_info("image", FLOAT, [1, 3, "height", "width"])],
        [helper.make_tensor_value_info("upsampled", FLOAT, [1, channels, "out_h", "out_w"])],
        [const("scales", [1.0, 1.0, 4.0, 4.0])])
    save(graph, path, "tiny FeatUp-style upsampler (4x nearest + image mean)")


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--wide":
        # wide backbones for `samlad benchmark` (docs/performance.md, "Wide backbones"); too big for the repository
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        for c in (256, 768):
            wide_cnn(os.path.join(out, f"wide_cnn_c{c}.onnx"), c)
            wide_vit(os.path.join(out, f"wide_vit_d{c}.onnx"), c)
        return
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    vit(os.path.join(out, "tiny_vit_cls.onnx"), 0)
    vit(os.path.join(out, "tiny_vit_reg4.onnx"), 4)
    cnn(os.path.join(out, "tiny_cnn.onnx"))
    cnn_two_outputs(os.path.join(out, "tiny_cnn_two_outputs.onnx"))
    sam_encoder(os.path.join(out, "tiny_sam_encoder.onnx"))
    sam_decoder(os.path.join(out, "tiny_sam_decoder.onnx"), single_mask=False, dynamic_batch=False)
    sam_decoder(os.path.join(out, "tiny_sam_decoder_single_batched.onnx"), single_mask=True, dynamic_batch=True)
    upsampler(os.path.join(out, "tiny_upsampler.onnx"))
    upsampler(os.path.join(out, "tiny_upsampler_c384.onnx"), 384)


if __name__ == "__main__":
    main()
