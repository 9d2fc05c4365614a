"""StreamField blocks shared by course and lesson pages; each renders with templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class TextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        label = _("Text")
        icon = "pilcrow"
        template = "blocks/text.html"


class FigureBlock(blocks.StructBlock):
    """An image with its alternative text (ImageBlock asks for it) and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        label = _("Image")
        icon = "image"
        template = "blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    # "Quote" is also a sales quote (offerte) in bookings; the context keeps them apart.
    quote = blocks.TextBlock(label=pgettext_lazy("quotation in a text", "Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        label = pgettext_lazy("quotation in a text", "Quote")
        icon = "openquote"
        template = "blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address (YouTube, Vimeo …)"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.TextBlock(
        label=_("Transcript or summary"),
        required=False,
        help_text=_("For visitors who cannot watch or hear the video."),
    )

    class Meta:
        label = _("Video")
        icon = "media"
        template = "blocks/video.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    link_url = blocks.URLBlock(label=_("or to an address"), required=False)
    link_label = blocks.CharBlock(label=_("Button text"), max_length=60)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("link_page") and not value.get("link_url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "link_page": blocks.BlockValidationError(
                        _("Choose a page or fill in an address for the button.")
                    )
                }
            )
        return value

    class Meta:
        label = _("Call to action")
        icon = "pick"
        template = "blocks/call_to_action.html"


class ReflectionBlock(blocks.StructBlock):
    """A question the participant answers in a private note, kept per block id."""

    question = blocks.TextBlock(label=_("Question"))
    hint = blocks.TextBlock(label=_("Hint"), required=False)

    class Meta:
        label = _("Reflection question")
        icon = "help"
        template = "blocks/reflection.html"


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    points = blocks.ListBlock(blocks.CharBlock(label=_("Point"), max_length=300), label=_("Points"))

    class Meta:
        label = _("Key points")
        icon = "list-ul"
        template = "blocks/key_points.html"


class CourseBodyBlock(blocks.StreamBlock):
    text = TextBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()


class LessonBodyBlock(blocks.StreamBlock):
    text = TextBlock()
    image = FigureBlock()
    video = VideoBlock()
    reflection = ReflectionBlock()
    key_points = KeyPointsBlock()


class LearningGoalsBlock(blocks.StreamBlock):
    goal = blocks.CharBlock(label=_("Learning goal"), max_length=300, icon="tick")

    class Meta:
        template = "blocks/learning_goals.html"
