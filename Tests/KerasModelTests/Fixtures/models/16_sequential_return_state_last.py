import keras
from keras import layers

# return_state on the last layer of a Sequential list: the summary shows output and states.
model = keras.Sequential([
    keras.Input(shape=(None, 8)),
    layers.LSTM(4, return_state=True),
])
