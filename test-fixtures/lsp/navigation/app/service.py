class Order:
    pass


def handle_request(order: Order) -> Order:
    return order
