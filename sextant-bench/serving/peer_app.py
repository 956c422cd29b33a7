"""The benchmark's Python peer: the same logistic regression behind FastAPI + uvicorn + scikit-learn.

It answers the same Open Inference Protocol request the Sextant benchmark sends (one row, input
"X", two features) with the predicted label and class probabilities, so both servers do the
same work per request. The model is fitted at start-up on the iris data that ships inside
scikit-learn (first two features), as logreg_iris.onnx was.

Run: uvicorn --app-dir sextant-bench/serving peer_app:app --port 8090 --workers 2
"""
import numpy as np
from fastapi import FastAPI, Request
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

iris = load_iris()
model = LogisticRegression(max_iter=1000).fit(iris.data[:, :2], iris.target)
app = FastAPI()


@app.get("/v2/health/live")
async def live():
    return {"live": True}


@app.post("/v2/models/iris/infer")
async def infer(request: Request):
    body = await request.json()
    tensor = body["inputs"][0]
    rows = np.asarray(tensor["data"], dtype=np.float32).reshape(tensor["shape"])
    labels = model.predict(rows)
    probabilities = model.predict_proba(rows)
    return {
        "model_name": "iris",
        "id": body.get("id", ""),
        "outputs": [
            {"name": "output_label", "datatype": "INT64", "shape": [len(labels)],
             "data": labels.tolist()},
            {"name": "output_probability", "datatype": "FP32", "shape": list(probabilities.shape),
             "data": probabilities.ravel().tolist()},
        ],
    }
