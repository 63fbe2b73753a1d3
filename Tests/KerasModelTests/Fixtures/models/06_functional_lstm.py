import keras
from keras import layers

inputs = keras.Input(shape=(None, 8))
x = layers.LSTM(64)(inputs)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
