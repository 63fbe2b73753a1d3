import keras
from keras import layers

# The encoder of an encoder-decoder: its final states are what it hands over.
encoder_inputs = keras.Input(shape=(None, 16))
encoder_outputs, state_h, state_c = layers.LSTM(
    256,
    return_state=True,
)(encoder_inputs)
model = keras.Model(encoder_inputs, [encoder_outputs, state_h, state_c])
