import sys, pickle
sys.path.insert(0, '/work/main')
html, css, base = pickle.load(open('/work/scratch/piece.pkl', 'rb'))
mode, n = sys.argv[1], int(sys.argv[2])
from weasyprint.text import line_break as lb
if 'keep' in mode:
    def deactivate(self):
        self._active = True
    def reactivate(self, style):
        if getattr(self, '_active', False) and hasattr(self, 'layout'):
            self.style = style
            return
        self.setup(style); self.set_text(self.text, justify=True)
    lb.Layout.deactivate = deactivate
    lb.Layout.reactivate = reactivate
from forum.exports.render.pdf_layout import lay_out, warm_up
warm_up()
for _ in range(n):
    lay_out((html, css), base)
