import numpy as np
import keras
from keras import models, layers as L
from keras.models import Model

# A fixed batch of 32, imports under other names, and compile (which leaves the summary as is).
inputs = keras.Input(shape=(None, 8), batch_size=32)
x = L.GRU(3, return_sequences=True)(inputs)
y = L.Dense(2)(x)
model = Model(inputs, y)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
