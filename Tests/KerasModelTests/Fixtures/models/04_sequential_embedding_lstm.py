import keras
from keras import layers

# Sentiment classification: word ids -> vectors -> LSTM -> one probability.
model = keras.Sequential([
    keras.Input(shape=(None,)),
    layers.Embedding(10000, 128),
    layers.LSTM(128),
    layers.Dense(1, activation="sigmoid"),
], name="sentiment")
