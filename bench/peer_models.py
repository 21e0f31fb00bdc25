#!/usr/bin/env python3
"""Peer benchmark: scikit-learn, XGBoost and LightGBM on exactly the rows this project's training job used.

Reads the rows of the training job's split: the CSV written by dev.bankml.local.PeerData (record_id,
split, label, the bank columns), or the Parquet folder `bin/pipeline bench` writes (is_test, label,
the bank columns). Fits each peer on the training rows and scores the test rows, the same record_ids
as the training job's split. Prints test AUC-ROC, AUC-PR (average precision) and fit seconds per model.
A peer whose library is not installed is left out, and the output says so (bench/peer_env.sh makes an
environment with all of them).

Usage: peer_models.py SPLIT.csv|SPLIT_PARQUET_DIR [--exclude duration] [--only NAME] [--json OUT.json]
"""
import argparse
import json
import os
import sys
import time

# OpenMP threads that spin while they wait take a shared machine's cores from each other: LightGBM fitted
# the sample in 59 s instead of 3.6 s beside other builds. Passive waiting costs little on an idle machine.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

try:
    import xgboost
except ImportError:
    xgboost = None
try:
    import lightgbm
except ImportError:
    lightgbm = None

CATEGORICAL = ["job", "marital", "education", "contact", "month", "poutcome"]
NOT_FEATURES = ("record_id", "split", "is_test", "label")


def load(path, exclude):
    if path.endswith(".csv"):
        data = pd.read_csv(path, dtype={c: "string" for c in CATEGORICAL})
        is_test = data.split == "test"
    else:
        data = pd.read_parquet(path)
        is_test = data.pop("is_test").astype(bool)
        for c in data.columns:
            if data[c].dtype == bool:
                data[c] = data[c].astype("int8")
    features = [c for c in data.columns if c not in NOT_FEATURES and c not in exclude]
    train = data[~is_test]
    test = data[is_test]
    return train[features], train.label.to_numpy(), test[features], test.label.to_numpy(), features


class CategoricalFrame:
    """Categories as pandas categories with the training rows' values (LightGBM's own categorical splits)."""

    def __init__(self, cats):
        self.cats = cats
        self.levels = {}

    def fit(self, x, y=None):
        self.levels = {c: sorted(x[c].dropna().unique()) for c in self.cats}
        return self

    def transform(self, x):
        x = x.copy()
        for c in self.cats:
            x[c] = pd.Categorical(x[c], categories=self.levels[c])
        return x


def models(features):
    cats = [c for c in CATEGORICAL if c in features]
    nums = [c for c in features if c not in cats]
    # Trees get categories as ordinal codes (unknown -> -1), linear models one-hot on standardised numbers.
    ordinal = ColumnTransformer([("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1), cats)],
                                remainder="passthrough")
    cat_mask = [True] * len(cats) + [False] * len(nums)
    onehot = ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), cats),
                                ("num", StandardScaler(), nums)])
    peers = {
        "sklearn HistGradientBoosting (defaults)": make_pipeline(
            ordinal, HistGradientBoostingClassifier(categorical_features=cat_mask, random_state=42)),
        "sklearn LogisticRegression (one-hot, scaled)": make_pipeline(onehot, LogisticRegression(max_iter=2000)),
        "sklearn RandomForest (300 trees)": make_pipeline(
            ordinal, RandomForestClassifier(n_estimators=300, n_jobs=2, random_state=42)),
        "xgboost (defaults)": make_pipeline(ordinal, xgboost.XGBClassifier(
            tree_method="hist", n_jobs=2, random_state=42)) if xgboost else None,
        "xgboost (300 rounds, depth 5, eta 0.05)": make_pipeline(ordinal, xgboost.XGBClassifier(
            n_estimators=300, max_depth=5, learning_rate=0.05, subsample=0.8, colsample_bytree=0.8,
            tree_method="hist", n_jobs=2, random_state=42)) if xgboost else None,
        # The strongest peer measured on this machine (docs/BENCHMARKS.md): its own categorical splits.
        "lightgbm (600 rounds, learning rate 0.03)": make_pipeline(CategoricalFrame(cats), lightgbm.LGBMClassifier(
            n_estimators=600, learning_rate=0.03, n_jobs=2, random_state=42, verbose=-1)) if lightgbm else None,
    }
    if xgboost is None:
        peers = {k: v for k, v in peers.items() if not k.startswith("xgboost")}
    return peers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split_csv")
    parser.add_argument("--exclude", default="", help="comma-separated columns left out, e.g. duration")
    parser.add_argument("--only", help="fit only the peers whose name contains this, e.g. lightgbm")
    parser.add_argument("--json", help="also write the results as JSON here")
    args = parser.parse_args()
    exclude = [c for c in args.exclude.split(",") if c]
    x_train, y_train, x_test, y_test, features = load(args.split_csv, exclude)
    print(f"Peers on {args.split_csv}: {len(y_train):,} training rows ({int(y_train.sum()):,} yes), "
          f"{len(y_test):,} test rows ({int(y_test.sum()):,} yes); excluded: {exclude or 'none'}")
    versions = [f"scikit-learn {sklearn.__version__}"]
    versions += [f"{m.__name__} {m.__version__}" if m else f"no {name} (not installed: bench/peer_env.sh)"
                 for name, m in (("xgboost", xgboost), ("lightgbm", lightgbm))]
    print(", ".join(versions) + f", numpy {np.__version__}, pandas {pd.__version__}, Python {sys.version.split()[0]}")
    print(f"{'model':46} {'AUC-ROC':>8} {'AUC-PR':>8} {'fit s':>7}")
    results = []
    for name, model in models(features).items():
        if model is None or (args.only and args.only.lower() not in name.lower()):
            continue
        t0 = time.perf_counter()
        model.fit(x_train, y_train)
        seconds = time.perf_counter() - t0
        p = model.predict_proba(x_test)[:, 1]
        roc, pr = roc_auc_score(y_test, p), average_precision_score(y_test, p)
        results.append({"model": name, "auc_roc": roc, "average_precision": pr, "fit_seconds": seconds})
        print(f"{name:46} {roc:8.4f} {pr:8.4f} {seconds:7.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"excluded": exclude, "train_rows": len(y_train), "test_rows": len(y_test),
                       "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
