from keras import Sequential, Input
from keras.layers import Dense, LSTM, SimpleRNN

model = Sequential([
    Input(shape=(20, 5)),
    SimpleRNN(10, return_sequences=True),
    SimpleRNN(10, return_sequences=True),
    LSTM(7, return_sequences=True),
    Dense(4),
    Dense(3),
    Dense(2),
])
