"""The delivery entrypoints: the DeliveryService servicer and the deliver_report actor."""
