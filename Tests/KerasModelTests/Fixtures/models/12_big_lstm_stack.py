import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(None, 512)),
    layers.LSTM(1024, return_sequences=True),
    layers.LSTM(1024, return_sequences=True,),
    layers.LSTM(1024),
    layers.Dense(10000),
])
