"""One response class; a method per operation the assembled backend implements (see __init__)."""

from moto.core.responses import ActionResult, BaseResponse


class ImageBuilderResponse(BaseResponse):
    def __init__(self):
        super().__init__(service_name="imagebuilder")
        self.automated_parameter_parsing = True

    @property
    def backend(self):
        from . import imagebuilder_backends

        return imagebuilder_backends[self.current_account][self.region]

    def _handle(self, operation):
        params = self.params.original_dict() if hasattr(self.params, "original_dict") else self.params
        return ActionResult(self.backend.handle(operation, params))


def add_operation(operation, snake_name):
    def method(self):
        return self._handle(operation)

    method.__name__ = snake_name
    setattr(ImageBuilderResponse, snake_name, method)
