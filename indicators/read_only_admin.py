"""Administration pages for records kept as they were made: figures, corrections, DfE's published
figures, the reminders sent."""


class ReadOnlyAdmin:
    """Mixed in before a ModelAdmin: its page lists and shows the records, and nobody adds, changes
    or deletes one there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
