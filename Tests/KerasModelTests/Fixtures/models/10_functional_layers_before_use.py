import keras
from keras import layers

# Layers made first, applied later: Keras names them in the order they are made.
head = layers.Dense(5)
rnn = layers.GRU(9, return_sequences=False)
embed = layers.Embedding(input_dim=50, output_dim=6)

tokens = keras.Input(shape=(30,))
vectors = embed(tokens)
summary_vector = rnn(vectors)
logits = head(summary_vector)
model = keras.Model(tokens, logits)
model.summary()
