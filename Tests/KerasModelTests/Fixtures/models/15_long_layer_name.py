import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(None, 2)), layers.SimpleRNN(2, name="a_very_long_layer_name_that_wraps_around_the_column")])
