"""The daily service around the brief: fetch -> store -> select -> build -> record -> send,
the delivery ledger and the scheduler.
"""
