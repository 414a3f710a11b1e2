"""The site's diagrams, one function each (d_<name> writes docs/diagrams/<name>.svg)."""

from __future__ import annotations

from .cells import gru_cell, lstm_cell
from .style import FRAME_FILL, KINDS, STROKE_HWY, tint
from .svg import Svg


def d_lstm_cell() -> Svg:
    s = Svg("lstm-cell", 580, 390, "LSTM 单元结构图",
            "LSTM 单元。顶部是细胞状态通路：c_{t-1} 先与遗忘门 f_t 按元素相乘，再加上输入门 i_t 与候选值 "
            "c̃_t 的按元素乘积，得到 c_t。h_{t-1} 与 x_t 拼接后分别送入三个 sigmoid 门（f_t、i_t、o_t）和 "
            "tanh 候选层。c_t 经 tanh 后与输出门 o_t 按元素相乘得到 h_t。")
    lstm_cell(s)
    return s


def d_gru_cell() -> Svg:
    s = Svg("gru-cell", 600, 410, "GRU 单元结构图",
            "GRU 单元。h_{t-1} 与 x_t 拼接后送入重置门 r_t 和更新门 z_t（sigmoid）。r_t 与 h_{t-1} 按元素相乘，"
            "与 x_t 一起进入 tanh 层得到候选 h̃_t。顶部通路上 z_t ⊙ h_{t-1} 与 (1 − z_t) ⊙ h̃_t 相加得到 h_t："
            "z_t 是保留旧状态的比例，“1−”节点算出 1 − z_t，即候选 h̃_t 所占的比例。")
    gru_cell(s)
    return s


def chain(s: Svg, xs, y, half_w, kind="state", **kw) -> None:
    """Arrows between consecutive nodes of one row (centres xs, node half width half_w)."""
    for a, b in zip(xs, xs[1:]):
        step = 1 if b > a else -1
        s.wire([(a + step * half_w, y), (b - step * half_w, y)], kind, **kw)


def up(s: Svg, x, y_from, y_to, kind="ink", **kw) -> None:
    s.wire([(x, y_from), (x, y_to)], kind, **kw)


def d_rnn_unrolled() -> Svg:
    s = Svg("rnn-unrolled", 880, 384, "简单 RNN：折叠形式与按时间展开",
            "左：折叠形式，输入 x_t 经 W_xh 进入隐状态 h_t，h_t 经 W_hh 自环连到下一时刻，经 W_hy 得到输出 ŷ_t。"
            "右：按时间展开为 t−1、t、t+1 三步，h_{t−1} → h_t → h_{t+1}，每一步使用同一组权重 W_xh、W_hh、W_hy。",
            k=0.78)
    yo, yh, yx = 80, 190, 300            # rows: output, hidden, input
    # folded
    cx = 120
    s.text(cx + 20, 40, "折叠", 17, weight="bold")
    s.node(cx, yx, 56, 36, "input", "x_t")
    s.node(cx, yh, 64, 42, "state", "h_t", 18)
    s.node(cx, yo, 56, 36, "output", "\\hat y_t")
    up(s, cx, yx - 18, yh + 21, "input")
    up(s, cx, yh - 21, yo + 18, "state")
    s.wire([(cx + 32, yh + 8), (206, yh + 8), (206, yh - 48), (cx + 18, yh - 48), (cx + 18, yh - 21)],
           "state", radius=12)
    s.text(cx - 10, yh + 62, "W_{xh}", 16, "muted", "end")
    s.text(cx - 10, yh - 50, "W_{hy}", 16, "muted", "end")
    s.text(214, yh - 14, "W_{hh}", 16, "muted", "start")
    # "unfold" arrow
    s.wire([(262, yh), (322, yh)], "muted", width=2.5)
    s.text(292, yh - 14, "展开", 15, "muted")
    # unrolled
    cols = [(490, "t-1"), (630, "t"), (770, "t+1")]
    s.text(630, 40, "按时间展开", 17, weight="bold")
    xs = [c for c, _ in cols]
    s.wire([(392, yh), (xs[0] - 32, yh)], "state")
    chain(s, xs, yh, 32)
    s.wire([(xs[-1] + 32, yh), (840, yh)], "state")
    s.text(384, yh + 6, "⋯", 18, "state", "end")
    s.text(846, yh + 6, "⋯", 18, "state", "start")
    for c, t in cols:
        s.node(c, yx, 62, 36, "input", f"x_{{{t}}}")
        s.node(c, yh, 64, 42, "state", f"h_{{{t}}}", 18)
        s.node(c, yo, 62, 36, "output", f"\\hat y_{{{t}}}")
        up(s, c, yx - 18, yh + 21, "input")
        up(s, c, yh - 21, yo + 18, "state")
        s.text(c + 8, yh + 62, "W_{xh}", 15, "muted", "start")
        s.text(c + 8, yh - 50, "W_{hy}", 15, "muted", "start")
    for a, b in zip(xs, xs[1:]):
        s.text((a + b) / 2, yh - 12, "W_{hh}", 15, "muted")
    s.text(426, yh - 12, "W_{hh}", 15, "muted")
    s.text(630, 362, "各时间步共享同一组权重 W_{xh}、W_{hh}、W_{hy}", 15, "muted")
    return s


def d_rnn_io_structures() -> Svg:
    s = Svg("rnn-io-structures", 900, 580, "RNN 的四种输入输出结构",
            "四个面板。一对多（1 vs N）：一个输入，逐步生成 N 个输出，例如图像描述。"
            "多对一（N vs 1）：读完 N 个输入后给出一个输出，例如情感分类。"
            "多对多对齐（N vs N）：每个输入时刻对应一个输出，例如序列标注。"
            "多对多编码器-解码器（N vs M）：编码器读入 N 个输入，解码器生成 M 个输出，例如机器翻译。", k=0.76)
    panels = [
        (20, 20, "一对多 (1 vs N)", "例：图像描述生成（一张图 → 一句话）", "1N"),
        (460, 20, "多对一 (N vs 1)", "例：文本情感分类（一句话 → 一个类别）", "N1"),
        (20, 300, "多对多·对齐 (N vs N)", "例：序列标注，如词性标注、命名实体识别", "NN"),
        (460, 300, "多对多·编码器-解码器 (N vs M)", "例：机器翻译（源语言句子 → 目标语言句子）", "NM"),
    ]
    for px, py, title, example, kind in panels:
        with s.at(px, py):
            s.frame(0, 0, 420, 260, rx=12)
            s.text(20, 32, title, 17, "ink", "start", weight="bold")
            s.text(20, 244, example, 14, "muted", "start")
            yo, yh, yx = 78, 140, 202
            if kind == "NM":
                enc, dec = [48, 123, 198], [298, 373]
                for j, c in enumerate(enc, 1):
                    s.node(c, yx, 46, 30, "input", f"x_{j}", 15)
                    s.node(c, yh, 50, 34, "state", f"h_{j}", 15)
                    up(s, c, yx - 15, yh + 17, "input")
                for j, c in enumerate(dec, 1):
                    s.node(c, yh, 50, 34, "state", f"s_{j}", 15)
                    s.node(c, yo, 46, 30, "output", f"\\hat y_{j}", 15)
                    up(s, c, yh - 17, yo + 15, "state")
                chain(s, enc + dec, yh, 25)
                s.text(248, yh - 10, "ctx", 13, "muted")
                s.text(123, 110, "编码器", 13, "muted")
                s.text(336, yx + 6, "解码器", 13, "muted")
                continue
            cols = [75, 165, 255, 345]
            chain(s, cols, yh, 25)
            for j, c in enumerate(cols, 1):
                s.node(c, yh, 50, 34, "state", f"h_{j}", 15)
                has_x = kind != "1N" or j == 1
                has_y = kind != "N1" or j == len(cols)
                if has_x:
                    s.node(c, yx, 46, 30, "input", "x" if kind == "1N" else f"x_{j}", 15)
                    up(s, c, yx - 15, yh + 17, "input")
                if has_y:
                    label = "\\hat y" if kind == "N1" else f"\\hat y_{j}"
                    s.node(c, yo, 46, 30, "output", label, 15)
                    up(s, c, yh - 17, yo + 15, "state")
    return s


def d_lstm_vs_gru() -> Svg:
    s = Svg("lstm-vs-gru", 1000, 650, "LSTM 与 GRU 单元对照",
            "左为 LSTM 单元，右为 GRU 单元，编号标出对应关系：① LSTM 遗忘门 f_t 对应 GRU 更新门 z_t；"
            "② LSTM 输入门 i_t 对应 GRU 的 1 − z_t；③ LSTM 输出门 o_t 在 GRU 中没有对应；"
            "④ LSTM 有单独的细胞状态 c_t，GRU 只有 h_t；⑤ GRU 的重置门 r_t 在 LSTM 中没有直接对应。")
    k = 0.8   # compact: geometry shrinks, labels keep their size
    s.text(20 + 290 * k, 40, "LSTM：c_t 与 h_t，三个门", 20, weight="bold")
    s.text(500 + 300 * k, 40, "GRU：只有 h_t，两个门", 20, weight="bold")
    with s.at(20, 52, k):
        lstm_cell(s, badges=16, size=22, box=19)
    with s.at(500, 46, k):
        gru_cell(s, badges=16, size=22, box=19, note=0)
    rows = [
        "遗忘门 f_t ↔ 更新门 z_t：都决定旧状态保留多少（GRU 中 z_t 乘 h_{t-1}）",
        "输入门 i_t ↔ 1 − z_t：GRU 把“保留”和“写入”绑在一起，两者之和为 1",
        "输出门 o_t ↔ 无：GRU 没有输出门，新的 h_t 直接输出",
        "细胞状态 c_t（另有 h_t）↔ 只有 h_t：GRU 的 h_t 兼任两者",
        "无 ↔ 重置门 r_t：决定候选 \\tilde h_t 读入多少 h_{t-1}",
    ]
    y0 = 428
    s.text(50, y0, "对应关系（左：LSTM，右：GRU；编号与图中一致）", 18, "muted", "start")
    for n, row in enumerate(rows, 1):
        y = y0 + 40 * n
        s.badge(62, y - 7, n, 16)
        s.text(84, y, row, 20, "ink", "start")
    return s


def d_birnn() -> Svg:
    s = Svg("birnn", 840, 420, "双向 RNN",
            "双向 RNN（示例长度 T = 4）。上行是前向 RNN，从 x_1 读到 x_4，得到 →h_t；下行是反向 RNN，"
            "从 x_4 读到 x_1，得到 ←h_t。中间一行：每个输入 x_t 同时送入两条链，"
            "每个时刻的输出是两者的拼接 [→h_t; ←h_t]。", k=0.81)
    yf, ym, yb = 90, 200, 310
    cols = [170, 340, 510, 680]
    s.wire([(60, yf), (cols[0] - 60, yf)], "state")
    chain(s, cols, yf, 60)
    s.wire([(790, yb), (cols[-1] + 60, yb)], "state")
    chain(s, cols[::-1], yb, 60)
    s.text(60, yf - 12, "\\vec h_0", 16, "state", "start")
    s.text(790, yb - 12, "\\cev h_5", 16, "state", "end")
    s.text(cols[-1] + 72, yf + 6, "前向", 15, "muted", "start")
    s.text(cols[0] - 72, yb + 6, "反向", 15, "muted", "end")
    for t, c in enumerate(cols, 1):
        s.node(c, yf, 120, 42, "state", f"\\vec h_{t}", 18)
        s.node(c, yb, 120, 42, "state", f"\\cev h_{t}", 18)
        s.node(c - 42, ym, 48, 34, "input", f"x_{t}", 17)
        s.node(c + 40, ym, 80, 34, "output", f"[\\vec h_{t}; \\cev h_{t}]", 15)
        up(s, c - 42, ym - 17, yf + 21, "input")
        up(s, c - 42, ym + 17, yb - 21, "input")
        up(s, c + 40, yf + 21, ym - 17, "state")
        up(s, c + 40, yb - 21, ym + 17, "state")
    s.text(420, 382, "输出 h_t = [\\vec h_t; \\cev h_t]：把同一时刻前向与反向的隐状态拼接（维度 2n）", 15, "muted")
    return s


def d_stacked_rnn() -> Svg:
    s = Svg("stacked-rnn", 700, 520, "堆叠（多层）RNN",
            "三层 RNN 按时间展开四步。第 1 层读入 x_t；第 l 层在时刻 t 的隐状态 h_t^(l) 既沿时间传给同层的下一时刻，"
            "也作为第 l+1 层在同一时刻的输入；最上层的隐状态给出输出 ŷ_t。")
    cols = [220, 350, 480, 610]
    rows = {"y": 60, 3: 150, 2: 240, 1: 330, "x": 420}
    labels = {"y": "输出", 3: "第 3 层", 2: "第 2 层", 1: "第 1 层", "x": "输入"}
    for key, y in rows.items():
        s.text(40, y + 6, labels[key], 15, "muted", "start")
    for l in (1, 2, 3):
        s.wire([(128, rows[l]), (cols[0] - 36, rows[l])], "state")
        chain(s, cols, rows[l], 36)
    for t, c in enumerate(cols, 1):
        s.node(c, rows["x"], 54, 34, "input", f"x_{t}")
        s.node(c, rows["y"], 54, 34, "output", f"\\hat y_{t}")
        up(s, c, rows["x"] - 17, rows[1] + 20, "input")
        up(s, c, rows[1] - 20, rows[2] + 20, "state")
        up(s, c, rows[2] - 20, rows[3] + 20, "state")
        up(s, c, rows[3] - 20, rows["y"] + 17, "state")
        for l in (1, 2, 3):
            s.node(c, rows[l], 72, 40, "state", f"h_{t}^{{({l})}}", 17)
    s.text(370, 496, "第 l 层的 h_t^{(l)} 沿时间传给同层下一步，同时作为第 l+1 层在时刻 t 的输入", 15, "muted")
    return s


def d_seq2seq() -> Svg:
    s = Svg("seq2seq", 920, 440, "Seq2Seq 编码器-解码器",
            "编码器依次读入源语言词“猫”“喜欢”“鱼”，最后的隐状态 h_3 作为上下文向量 ctx，"
            "用作解码器的初始状态。解码器从 <bos> 开始，每一步输出一个目标词（cats、like、fish、<eos>），"
            "并把上一步的输出作为下一步的输入（虚线），生成 <eos> 时结束。", k=0.74)
    yo, ys, yi = 108, 220, 330
    enc = [(90, "猫"), (185, "喜欢"), (280, "鱼")]
    dec_in = ["<bos>", "cats", "like", "fish"]
    dec_out = ["cats", "like", "fish", "<eos>"]
    dec = [500, 620, 740, 860]
    s.frame(30, 150, 300, 230, rx=12)
    s.frame(440, 40, 460, 340, rx=12)
    s.text(45, 176, "编码器", 16, "ink", "start", weight="bold")
    s.text(455, 66, "解码器", 16, "ink", "start", weight="bold")
    ex = [c for c, _ in enc]
    chain(s, ex, ys, 30)
    for j, (c, tok) in enumerate(enc, 1):
        s.node(c, yi, 56, 34, "input", tok, 16)
        s.node(c, ys, 60, 40, "state", f"h_{j}", 17)
        up(s, c, yi - 17, ys + 20, "input")
    s.wire([(ex[-1] + 30, ys), (353, ys)], "state")
    s.node(385, ys, 64, 40, "state", "ctx", 16)
    s.wire([(417, ys), (dec[0] - 30, ys)], "state")
    s.text(385, ys + 46, "上下文向量", 14, "muted")
    s.text(385, ys + 68, "ctx = h_3", 14, "muted")
    chain(s, dec, ys, 30)
    for t, c in enumerate(dec, 1):
        s.node(c, yi, 64, 34, "input", dec_in[t - 1], 15)
        s.node(c, ys, 60, 40, "state", f"s_{t}", 17)
        s.node(c, yo, 64, 34, "output", dec_out[t - 1], 15)
        up(s, c, yi - 17, ys + 20, "input")
        up(s, c, ys - 20, yo + 17, "state")
    for a, b in zip(dec, dec[1:]):
        s.wire([(a + 18, yo + 17), (b - 18, yi - 17)], "output", dashed=True, cross=True,
               halo=FRAME_FILL, width=1.8)
    s.text(460, 418, "虚线：上一步生成的词作为下一步输入（推理时）；训练时常改用真实的上一个词（teacher forcing）",
           14, "muted")
    return s


def d_attention() -> Svg:
    alphas = [0.10, 0.60, 0.22, 0.08]
    s = Svg("attention", 840, 492, "注意力机制：对齐权重与上下文向量",
            "编码器隐状态 h_1 到 h_4 由输入 x_1 到 x_4 得到。解码器在第 t 步用上一状态 s_{t−1} 与每个 h_j "
            "计算打分 e_tj，softmax 后得到对齐权重 α_tj（示例：0.10、0.60、0.22、0.08，连线越粗、柱越高，权重越大）。"
            "上下文向量 ctx_t = Σ_j α_tj h_j 与 s_{t−1} 一起得到解码器状态 s_t，再输出 ŷ_t。", k=0.81)
    yx, yh, ysum, ys, yy = 430, 350, 215, 120, 42
    cols = [110, 220, 330, 440]
    sx, st_x, sprev_x = 275, 660, 500
    chain(s, cols, yh, 32)
    for j, (c, a) in enumerate(zip(cols, alphas), 1):
        s.node(c, yx, 50, 32, "input", f"x_{j}", 16)
        s.node(c, yh, 64, 40, "state", f"h_{j}", 17)
        up(s, c, yx - 16, yh + 20, "input")
        # alignment weight: line width grows with alpha
        s.wire([(c, yh - 20), (sx, ysum + 18)], "gate", arrow=False, width=1.2 + 13 * a)
    s.op(sx, ysum, "Σ", r=18)
    s.text(sx + 26, ysum - 16, "ctx_t = Σ_j α_{tj} h_j", 16, "op", "start")
    s.wire([(sx + 18, ysum), (st_x, ysum), (st_x, ys + 20)], "op")
    s.node(sprev_x, ys, 70, 40, "state", "s_{t-1}", 17)
    s.node(st_x, ys, 64, 40, "state", "s_t", 17)
    s.node(st_x, yy, 56, 34, "output", "\\hat y_t", 16)
    s.wire([(sprev_x + 35, ys), (st_x - 32, ys)], "state")
    s.wire([(st_x + 32, ys), (790, ys)], "state")
    s.text(798, ys + 6, "⋯", 18, "state", "start")
    up(s, st_x, ys - 20, yy + 17, "state")
    # where the weights come from
    s.wire([(sprev_x - 35, ys), (392, ys)], "muted", dashed=True, width=1.6)
    s.text(380, ys - 8, "e_{tj} = score(s_{t-1}, h_j)", 15, "ink", "end")
    s.text(380, ys + 20, "α_{tj} = softmax_j(e_{tj})", 15, "ink", "end")
    # the same weights as bars
    bx, by, bh = 560, 420, 110
    s.text(bx - 14, 318, "对齐权重 α_{tj}（示例）", 14, "muted", "start")
    s.wire([(bx - 14, by), (bx + 216, by)], "muted", arrow=False, width=1.2)
    for j, a in enumerate(alphas, 1):
        x = bx + (j - 1) * 56
        s.rect(x, by - bh * a, 30, bh * a, tint(KINDS["gate"], 0.55), KINDS["gate"], rx=2, width=1.4)
        s.text(x + 15, by - bh * a - 6, f"{a:.2f}", 13, "gate")
        s.text(x + 15, by + 20, f"α_{{t{j}}}", 14, "gate")
    s.text(bx + 101, 476, "连线粗细同样表示 α_{tj}，Σ_j α_{tj} = 1", 14, "muted")
    return s


def d_bptt_gradient_flow() -> Svg:
    s = Svg("bptt-gradient-flow", 880, 670, "BPTT 中的梯度流：普通 RNN 与 LSTM 细胞状态",
            "上图：普通 RNN 的隐状态链 h_1 到 h_4，损失 L_4 的梯度沿红色虚线反向传播，每经过一步乘一次 "
            "∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh，得到连乘积，容易消失或爆炸。"
            "下图：LSTM 细胞状态通路 c_1 到 c_4，每步只经过遗忘门的按元素乘法和一次加法，"
            "沿这条路径 ∂c_t/∂c_{t−1} = diag(f_t)，f_t 接近 1 时梯度几乎不衰减。", k=0.78)
    # --- top: vanilla RNN ---
    s.frame(20, 20, 840, 310, rx=12)
    s.text(40, 50, "普通 RNN：梯度沿 h 链反向连乘", 17, "ink", "start", weight="bold")
    cols = [150, 310, 470, 630]
    yh, yx, yg = 190, 268, 150
    chain(s, cols, yh, 32)
    for t, c in enumerate(cols, 1):
        s.node(c, yx, 50, 32, "input", f"x_{t}", 16)
        s.node(c, yh, 64, 40, "state", f"h_{t}", 17)
        up(s, c, yx - 16, yh + 20, "input")
    s.wire([(cols[-1] + 32, yh), (742, yh)], "state")
    s.node(780, yh, 64, 36, "output", "L_4", 17)
    s.wire([(780, yh - 18), (780, yg), (cols[-1] + 12, yg), (cols[-1] + 12, yh - 20)], "grad", dashed=True,
           radius=6)
    s.text(711, yg - 10, "∂L_4/∂h_4", 15, "grad")
    for t in range(len(cols) - 1, 0, -1):
        a, b = cols[t], cols[t - 1]
        s.wire([(a - 12, yh - 20), (a - 12, yg), (b + 12, yg), (b + 12, yh - 20)], "grad", dashed=True, radius=6)
        s.text((a + b) / 2, yg - 10, f"∂h_{t + 1}/∂h_{t}", 15, "grad")
    # the product, with a bracket over the three factors
    s.wire([(cols[0] + 12, 112), (cols[0] + 12, 104), (cols[-1] - 12, 104), (cols[-1] - 12, 112)],
           "grad", arrow=False, width=1.4, radius=2)
    s.text(390, 92, "∂h_4/∂h_1 = ∏_{t=2}^{4} ∂h_t/∂h_{t-1}", 16, "grad")
    s.text(440, 316, "每个因子 ∂h_t/∂h_{t-1} = diag(1 − h_t^2) W_{hh}：多次连乘后范数趋于 0（消失）或变得极大（爆炸）",
           14, "muted")
    # --- bottom: LSTM cell state ---
    s.frame(20, 350, 840, 300, rx=12)
    s.text(40, 380, "LSTM：细胞状态通路是一条“加法高速路”", 17, "ink", "start", weight="bold")
    yc, yin, yg2 = 520, 596, 480
    cs = [100, 320, 540, 760]
    for t, c in enumerate(cs, 1):
        s.node(c, yc, 56, 36, "state", f"c_{t}", 17)
    for t in range(1, len(cs)):
        a, b = cs[t - 1], cs[t]
        xm, xp = a + 80, a + 150
        s.wire([(a + 28, yc), (xm, yc)], "state", arrow=False, width=STROKE_HWY)
        s.wire([(xm, yc), (xp, yc)], "state", arrow=False, width=STROKE_HWY)
        s.wire([(xp, yc), (b - 28, yc)], "state", width=STROKE_HWY)
        s.op(xm, yc, "×")
        s.op(xp, yc, "+")
        s.node(xm, yin, 44, 30, "gate", f"f_{t + 1}", 15)
        s.node(xp, yin, 78, 30, "op", f"i_{t + 1}⊙\\tilde c_{t + 1}", 14)
        up(s, xm, yin - 15, yc + 12, "gate")
        up(s, xp, yin - 15, yc + 12, "op")
        s.wire([(b - 14, yc - 18), (b - 14, yg2), (a + 14, yg2), (a + 14, yc - 18)], "grad", dashed=True, radius=6)
        s.text((a + b) / 2, yg2 - 10, f"diag(f_{t + 1})", 15, "grad")
    s.text(440, 432, "沿这条路径 ∂c_t/∂c_{t-1} = diag(f_t)：只有按元素乘遗忘门，没有 W_{hh} 连乘和 tanh′", 14, "grad")
    s.text(440, 638, "f_t ≈ 1 时梯度几乎原样传回；加法让各步的贡献相加而不是相乘", 14, "muted")
    return s




def d_residual_block() -> Svg:
    s = Svg("residual-block", 520, 580, "残差块：F(x) + x",
            "残差块（He et al. 2016）。输入 x 分成两路：主路依次经过权重层 W_1、ReLU、权重层 W_2，得到残差 F(x)；"
            "捷径（恒等映射）把 x 原样送到加法节点。两路在 ⊕ 处按元素相加得到 F(x) + x，再经 ReLU 输出。"
            "F(x) 与 x 形状必须相同；不同时捷径改用线性投影 W_s x。")
    cx, xs = 190, 380             # main branch and shortcut columns
    yx, yfork, yw1, yr1, yw2, yadd, yr2, yout = 50, 100, 160, 232, 304, 384, 446, 520
    s.node(cx, yx, 64, 36, "input", "x", 18)
    s.wire([(cx, yx + 18), (cx, yw1 - 20)], "input")
    s.dot(cx, yfork, "input")
    # identity shortcut: thicker, like the other additive "highways"
    s.wire([(cx, yfork), (xs, yfork), (xs, yadd), (cx + 14, yadd)], "input", width=STROKE_HWY, radius=12)
    s.text(xs + 12, (yfork + yadd) / 2 - 4, "x", 18, "input", "start")
    s.text(xs + 12, (yfork + yadd) / 2 + 20, "恒等映射", 14, "muted", "start")
    # main branch
    s.node(cx, yw1, 170, 40, "ink", "权重层 W_1", 16)
    s.wire([(cx, yw1 + 20), (cx, yr1 - 14)], "ink")
    s.pill(cx, yr1, 80, 28, "tanh", "ReLU", 15)
    s.wire([(cx, yr1 + 14), (cx, yw2 - 20)], "ink")
    s.node(cx, yw2, 170, 40, "ink", "权重层 W_2", 16)
    s.wire([(cx, yw2 + 20), (cx, yadd - 12)], "op")
    s.text(cx + 10, yadd - 28, "F(x)", 16, "op", "start")
    # the residual F(x) spans the two weight layers
    bx = cx - 104
    s.wire([(bx + 8, yw1 - 20), (bx, yw1 - 20), (bx, yw2 + 20), (bx + 8, yw2 + 20)], "op",
           arrow=False, width=1.6, radius=3)
    s.text(bx - 10, (yw1 + yw2) / 2 + 6, "F(x)", 18, "op", "end")
    s.op(cx, yadd, "+")
    s.wire([(cx, yadd + 12), (cx, yr2 - 14)], "op")
    s.text(cx + 12, yadd + 36, "F(x) + x", 16, "op", "start")
    s.pill(cx, yr2, 80, 28, "tanh", "ReLU", 15)
    s.wire([(cx, yr2 + 14), (cx, yout - 17)], "output")
    s.node(cx, yout, 170, 34, "output", "ReLU(F(x) + x)", 15)
    s.text(260, 566, "F(x) 与 x 形状不同时，捷径改为投影 W_s x", 14, "muted")
    return s


def d_parallel_scan() -> Svg:
    T, cols = 8, [142 + 86 * t for t in range(8)]
    s = Svg("parallel-scan", 820, 660, "线性递推 h_t = a_t h_{t−1} + b_t 的并行扫描",
            "Hillis–Steele 式并行前缀扫描，T = 8。第一行是 8 个输入对 (a_t, b_t)。"
            "第 1、2、3 层的偏移分别为 1、2、4：每个框把自己与左边相隔“偏移”步的框用 ◦ 合并，"
            "(a_1, b_1) ◦ (a_2, b_2) = (a_1 a_2, a_2 b_1 + b_2)，较早的一步在左；左边没有可合并的框时原样复制。"
            "框内 j:t 表示第 j 步到第 t 步合成的一步 (a_{j:t}, b_{j:t})。3 层之后第 t 个框是 1:t，"
            "h_t = a_{1:t} h_0 + b_{1:t}。每层内的合并互不依赖，可同时计算，所以深度是 log_2 T = 3。", k=0.83)
    rows = [92, 192, 292, 392]
    yh = 482
    s.text(410, 40, "h_t = a_t h_{t-1} + b_t 的并行扫描（T = 8）", 18, "ink", weight="bold")
    s.text(24, rows[0] + 6, "输入", 15, "muted", "start")
    for d in (1, 2, 3):
        s.text(24, rows[d] - 2, f"第 {d} 层", 15, "muted", "start")
        s.text(24, rows[d] + 18, f"偏移 {2 ** (d - 1)}", 14, "muted", "start")
    s.text(24, yh + 6, "输出", 15, "muted", "start")
    start = list(range(1, T + 1))        # start[t-1] = first step covered by box t at this level
    for t, c in enumerate(cols, 1):
        s.node(c, rows[0], 76, 34, "input", f"(a_{t}, b_{t})", 15)
    for d in (1, 2, 3):
        k, yp, yc = 2 ** (d - 1), rows[d - 1], rows[d]
        new = start[:]
        for t in range(1, T + 1):
            c = cols[t - 1]
            s.wire([(c, yp + 17), (c, yc - 17)], "ink", width=1.6)
            if t > k:
                new[t - 1] = start[t - 1 - k]
                s.wire([(cols[t - 1 - k] + 12, yp + 17), (c - 18, yc - 17)], "op", width=1.8, cross=True)
                s.node(c, yc, 66, 34, "op", f"{new[t - 1]}:{t}", 15)
            else:
                s.node(c, yc, 66, 34, "muted", f"{new[t - 1]}:{t}", 15)
        start = new
    for t, c in enumerate(cols, 1):
        s.wire([(c, rows[3] + 17), (c, yh - 17)], "state")
        s.node(c, yh, 56, 34, "state", f"h_{t}", 16)
    notes = [
        ("品红框：一次合并 ◦，斜线来自较早的段（左操作数）；灰框：左边没有可合并的段，原样复制", "muted"),
        ("(a_1, b_1) ◦ (a_2, b_2) = (a_1 a_2, a_2 b_1 + b_2)，满足结合律，所以可以任意分组", "op"),
        ("j:t 表示 (a_{j:t}, b_{j:t})，即 h_t = a_{j:t} h_{j-1} + b_{j:t}；最后一层是 1:t，得 h_t = a_{1:t} h_0 + b_{1:t}", "ink"),
        ("深度 log_2 T = 3 层，共 7 + 6 + 4 = 17 次 ◦；Blelloch 扫描深度约 2 log_2 T，总计算量 O(T)", "muted"),
    ]
    for j, (line, kind) in enumerate(notes):
        s.text(410, 546 + 28 * j, line, 14, kind)
    return s
