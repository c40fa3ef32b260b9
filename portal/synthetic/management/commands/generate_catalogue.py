from django.core.management.base import BaseCommand, CommandError

from portal.synthetic.generator import generate
from portal.synthetic.sizes import SIZES, scaled_sizes


class Command(BaseCommand):
    help = (
        "Generate a large synthetic catalogue on top of the demo content (for measuring pages at a real "
        "portal's size), then rebuild the search index. Does nothing when one is already loaded, unless "
        "--fresh is given."
    )

    def add_arguments(self, parser):
        for name, default in SIZES.items():
            parser.add_argument(
                f"--{name}",
                type=int,
                metavar="N",
                help=f"How many {name} (default {default:,}, times --scale).",
            )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Multiply every default size, e.g. 0.01 for a quick run."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same catalogue.")
        parser.add_argument(
            "--fresh", action="store_true", help="Delete a generated catalogue first (and only that)."
        )

    def handle(self, *args, **options):
        if options["scale"] <= 0:
            raise CommandError("--scale must be positive.")
        sizes = scaled_sizes(options["scale"], **{name: options[name] for name in SIZES})
        try:
            report = generate(
                seed=options["seed"], fresh=options["fresh"], progress=self.stdout.write, **sizes
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not report.created:
            return
        self.stdout.write("")
        self.stdout.write("Rows created:")
        for label, count in sorted(report.counts.items()):
            self.stdout.write(f"  {label:<32} {count:>12,}")
        self.stdout.write(f"  {'total':<32} {sum(report.counts.values()):>12,}")
        for note in report.notes:
            self.stdout.write(f"  Note: {note}")
        minutes, seconds = divmod(report.seconds, 60)
        self.stdout.write(self.style.SUCCESS(f"Catalogue generated in {int(minutes)} min {seconds:.1f} s."))
