set pagination off
