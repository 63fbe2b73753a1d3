import keras
from keras import layers

inputs = keras.Input(shape=(12, 3))
seq, last_h = layers.GRU(20, return_sequences=True, return_state=True)(inputs)
y = layers.TimeDistributed(layers.Dense(2, activation="softmax"))(seq)
model = keras.Model(inputs, [y, last_h])
