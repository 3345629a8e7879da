from .responses import ImageBuilderResponse

url_bases = [r"https?://imagebuilder\.(.+)\.amazonaws\.com"]

url_paths = {
    "{0}/tags/(?P<resourceArn>.+)$": ImageBuilderResponse.dispatch,
    "{0}/(?P<operation>[A-Za-z]+)$": ImageBuilderResponse.dispatch,
}
