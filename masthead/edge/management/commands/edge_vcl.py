from django.core.management.base import BaseCommand

from masthead.edge.visit_class import visit_class_vcl


class Command(BaseCommand):
    help = "Print the edge's visit-class VCL, written from the site's referrer rules (deploy/edge/visit_class.vcl)."

    def handle(self, *args, **options):
        self.stdout.write(visit_class_vcl(), ending="")
